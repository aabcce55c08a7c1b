/**
 * A Prometheus histogram on prom-client's registry for the spans every message records.
 * prom-client's own Histogram finds a series by hashing its labels object and a bucket by
 * turning the bound into a property name, on every observe: more than the rest of a
 * click's telemetry. Here a series is one or two Map lookups and a bucket a comparison
 * per bound. A scrape gives prom-client's own text for the same observations
 * (the registry formats both the same way).
 */
import type { Metric, Registry } from "prom-client";

interface Series {
  readonly labels: Readonly<Record<string, string>>;
  /** Observations per bucket (not cumulative); values above every bound are only in count. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

export interface LabelledHistogramOptions {
  readonly name: string;
  readonly help: string;
  /** One or two label names. */
  readonly labelNames: readonly [string] | readonly [string, string];
  /** Upper bounds, ascending. */
  readonly buckets: readonly number[];
  readonly registers: readonly Registry[];
}

interface Sample {
  labels: Record<string, string | number>;
  sharedLabels: Readonly<Record<string, string>>;
  value: number;
  metricName: string;
}

export class LabelledHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = "histogram";
  readonly aggregator = "sum";
  readonly #labelNames: readonly string[];
  readonly #bounds: readonly number[];
  /** By the first label's value, then the second's ("" with one label). */
  readonly #series = new Map<string, Map<string, Series>>();

  constructor(opts: LabelledHistogramOptions) {
    this.name = opts.name;
    this.help = opts.help;
    this.#labelNames = opts.labelNames;
    this.#bounds = [...opts.buckets].sort((a, b) => a - b);
    for (const registry of opts.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** Counts `value` (a non-finite one is dropped) in the series of the label values given. */
  observe(value: number, first: string, second = ""): void {
    if (!Number.isFinite(value)) return;
    let inner = this.#series.get(first);
    if (inner === undefined) this.#series.set(first, (inner = new Map()));
    let series = inner.get(second);
    if (series === undefined) inner.set(second, (series = this.#create(first, second)));
    const bounds = this.#bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    if (i < bounds.length) series.counts[i]!++;
    series.sum += value;
    series.count++;
  }

  #create(first: string, second: string): Series {
    const [a, b] = this.#labelNames;
    const labels: Record<string, string> = { [a!]: first };
    if (b !== undefined) labels[b] = second;
    return { labels, counts: new Float64Array(this.#bounds.length), sum: 0, count: 0 };
  }

  /** The registry's text export reads this (prom-client's shape: bucket labels apart from the series'). */
  getForPromString(): { name: string; help: string; type: string; values: Sample[]; aggregator: string } {
    const values: Sample[] = [];
    const bucket = `${this.name}_bucket`;
    for (const inner of this.#series.values()) {
      for (const s of inner.values()) {
        let cumulative = 0;
        for (let i = 0; i < this.#bounds.length; i++) {
          cumulative += s.counts[i]!;
          values.push({ labels: { le: this.#bounds[i]! }, sharedLabels: s.labels, value: cumulative, metricName: bucket });
        }
        values.push(
          { labels: { le: "+Inf" }, sharedLabels: s.labels, value: s.count, metricName: bucket },
          { labels: {}, sharedLabels: s.labels, value: s.sum, metricName: `${this.name}_sum` },
          { labels: {}, sharedLabels: s.labels, value: s.count, metricName: `${this.name}_count` },
        );
      }
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** The same samples with their labels in one object (prom-client's `get()`, as its JSON export reads). */
  async get(): Promise<Omit<ReturnType<LabelledHistogram["getForPromString"]>, "values"> & { values: Omit<Sample, "sharedLabels">[] }> {
    const data = this.getForPromString();
    return { ...data, values: data.values.map(({ sharedLabels, ...v }) => ({ ...v, labels: { ...v.labels, ...sharedLabels } })) };
  }

  reset(): void {
    this.#series.clear();
  }
}
