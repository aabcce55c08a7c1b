/** The browser bundle's reconnect/rejoin delays: jittered, growing, capped. */
import { describe, expect, it } from "vitest";
import { jitteredBackoff, RECONNECT_STEPS } from "../../hooks/backoff.js";

describe("jitteredBackoff", () => {
  it("draws each delay between 10% and 100% of its step, and keeps the last step after the end", () => {
    const low = jitteredBackoff([1000, 5000], () => 0);
    const high = jitteredBackoff([1000, 5000], () => 0.999999);
    expect([1, 2, 3, 50].map(low)).toEqual([100, 500, 500, 500]);
    expect([1, 2, 3, 50].map(high)).toEqual([1000, 5000, 5000, 5000]);
    expect(low(0)).toBe(100);
  });

  it("spreads clients: a thousand first reconnects are not synchronized", () => {
    const delay = jitteredBackoff(RECONNECT_STEPS);
    const first = Array.from({ length: 1000 }, () => delay(1));
    expect(Math.min(...first)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...first)).toBeLessThanOrEqual(1000);
    // 900 ms of spread: at most a few dozen clients land in any 10 ms window
    const buckets = new Map<number, number>();
    for (const d of first) buckets.set(Math.floor(d / 10), (buckets.get(Math.floor(d / 10)) ?? 0) + 1);
    expect(Math.max(...buckets.values())).toBeLessThan(50);
  });
});
