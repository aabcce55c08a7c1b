/** Lagoon's histogram for per-message spans against prom-client's own, through a registry's exports. */
import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { LabelledHistogram } from "../../server/labelled-histogram.js";

const buckets = [0.001, 0.01, 0.1, 1];
const values = [0, 0.0005, 0.001, 0.002, 0.01, 0.05, 0.5, 1, 2, 1e6, 0.3];

function pair(labelNames: [string] | [string, string]) {
  const theirs = new Registry();
  const ours = new Registry();
  const reference = new Histogram({ name: "t_seconds", help: "Time \\ taken", labelNames, buckets, registers: [theirs] });
  const histogram = new LabelledHistogram({ name: "t_seconds", help: "Time \\ taken", labelNames, buckets: [...buckets].reverse(), registers: [ours] });
  return { theirs, ours, reference, histogram };
}

const lines = (text: string) => text.split("\n").sort();

describe("LabelledHistogram", () => {
  it("exports what prom-client's Histogram exports for the same observations, with two labels", async () => {
    const { theirs, ours, reference, histogram } = pair(["view", "event"]);
    const series = [
      ["CounterLive", "increment"],
      ["TodoLive", "save"],
      ["CounterLive", "decrement"],
      ['Quote"View', "back\\slash"],
    ] as const;
    for (const [i, v] of values.entries()) {
      for (const [j, [view, event]] of series.entries()) {
        if ((i + j) % 3 === 0) continue;
        reference.observe({ view, event }, v);
        histogram.observe(v, view, event);
      }
    }
    expect(lines(await ours.metrics())).toEqual(lines(await theirs.metrics()));
    const json = async (r: Registry) => JSON.stringify((await r.getMetricsAsJSON())[0]!.values.map((v) => [(v as { metricName?: string }).metricName, v.labels, v.value]).sort());
    expect(await json(ours)).toEqual(await json(theirs));
  });

  it("with one label, drops non-finite values, and resets", async () => {
    const { theirs, ours, reference, histogram } = pair(["view"]);
    for (const v of values) {
      reference.observe({ view: "A" }, v);
      histogram.observe(v, "A");
    }
    histogram.observe(Number.NaN, "A");
    histogram.observe(Infinity, "B");
    expect(lines(await ours.metrics())).toEqual(lines(await theirs.metrics()));
    expect(await ours.metrics()).toContain('t_seconds_bucket{le="0.001",view="A"} 3');
    ours.resetMetrics();
    expect(await ours.metrics()).not.toContain("t_seconds_count");
  });
});
