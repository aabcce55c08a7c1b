/**
 * The /dashboard charts as a React island (Recharts). The figure captions carry each
 * series' latest value and maximum: Recharts draws only once mounted in the browser, so
 * they are what the server-rendered first paint shows.
 */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { IslandProps } from "lagoon/islands/contract";
import { TelemetryCharts } from "./telemetry-charts.contract.js";

export { TelemetryCharts as contract };

const WIDTH = 600;
const HEIGHT = 140;

function ms(v: number): string {
  return v < 1 ? `${Math.round(v * 1000)} µs` : `${v.toFixed(1)} ms`;
}

/** Axis ticks: the number alone (the caption names the unit), short enough for the axis. */
const tick = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toPrecision(2));

interface Series {
  /** Class of the figure (an island may be on a page more than once). */
  readonly kind: string;
  readonly title: string;
  readonly values: readonly (number | null)[];
  readonly format: (v: number) => string;
  /** Dots for the seconds with a value, joined across those without (a percentile in a second without events). */
  readonly bridge?: boolean;
}

function Chart({ kind, title, values, format, bridge = false }: Series) {
  // x: seconds before now, so the axis reads the same whatever the clock
  const data = values.map((v, i) => ({ t: i - (values.length - 1), v }));
  const known = values.filter((v): v is number => v !== null);
  const latest = known.at(-1);
  const max = known.length ? Math.max(...known) : undefined;
  return (
    <figure className={`chart ${kind}`}>
      <figcaption>
        {title}: <span className="latest">{latest === undefined ? "–" : format(latest)}</span>{" "}
        <small>(max {max === undefined ? "–" : format(max)})</small>
      </figcaption>
      <LineChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e5e5e5" strokeDasharray="3 3" />
        <XAxis dataKey="t" type="number" domain={["dataMin", 0]} tickFormatter={(t: number) => `${t}s`} />
        <YAxis width={48} tickFormatter={tick} />
        <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : String(v))} labelFormatter={(t) => `${String(t)}s`} />
        {/* no animation: the data changes every second */}
        <Line
          type="monotone"
          dataKey="v"
          name={title}
          stroke="#1f6feb"
          dot={bridge ? { r: 2 } : false}
          connectNulls={bridge}
          isAnimationActive={false}
        />
      </LineChart>
    </figure>
  );
}

export default function TelemetryChartsIsland({ props }: IslandProps<typeof TelemetryCharts>) {
  return (
    <section className="charts" aria-label="Charts of the last minutes">
      <Chart kind="chart-events" title="Events per second" values={props.events} format={(v) => String(Math.round(v))} />
      <Chart kind="chart-p95" title="p95 event time, handled on the server (ms)" values={props.p95} format={ms} bridge />
      <Chart kind="chart-felt" title="p95 event time, felt in browsers (ms)" values={props.feltP95} format={ms} bridge />
      <Chart kind="chart-views" title="Connected views" values={props.views} format={(v) => String(Math.round(v))} />
      <Chart kind="chart-heap" title="Heap used (MiB)" values={props.heap} format={(v) => `${v.toFixed(1)} MiB`} />
    </section>
  );
}
