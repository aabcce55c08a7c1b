/** server/histogram.ts: log-scale bins of durations and the percentiles read from them. */
import { describe, expect, it } from "vitest";
import { bin, BINS, percentile } from "../../server/histogram.js";

const histogramOf = (values: number[]) => {
  const hist = new Uint32Array(BINS);
  for (const v of values) hist[bin(v)]!++;
  return hist;
};

describe("bin", () => {
  it("puts nothing-long and unreadable durations in the first bin, and caps the last", () => {
    for (const ms of [0, -5, Number.NaN, 0.0005]) expect(bin(ms), String(ms)).toBe(0);
    expect(bin(1e12)).toBe(BINS - 1);
    expect(bin(Number.POSITIVE_INFINITY)).toBe(BINS - 1);
  });

  it("grows with the duration", () => {
    const bins = [0.01, 0.1, 1, 10, 100, 1000].map(bin);
    expect([...bins].sort((a, b) => a - b)).toEqual(bins);
    expect(new Set(bins).size).toBe(bins.length);
  });
});

describe("percentile", () => {
  it("is null without values", () => {
    expect(percentile(new Uint32Array(BINS), 0, 50)).toBeNull();
  });

  it("is within a bin's width (~19%) above the true percentile", () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    const hist = histogramOf(values);
    for (const [p, truth] of [
      [50, 500],
      [90, 900],
      [99, 990],
    ] as const) {
      const read = percentile(hist, values.length, p)!;
      expect(read, `p${p}`).toBeGreaterThanOrEqual(truth);
      expect(read, `p${p}`).toBeLessThanOrEqual(truth * 1.19);
    }
  });
});
