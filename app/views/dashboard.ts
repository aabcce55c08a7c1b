/**
 * Live telemetry of this server: connected views by route, event time percentiles, the
 * busiest events, diff bytes, memory, and charts of the last minutes, refreshed every
 * second from a TelemetryWindow the app feeds with its Lagoon's telemetry. Beside them,
 * what browsers report (browser signals): event time as users felt it next to the time the
 * server took, joins, reconnects by cause, errors, island hydration and Web Vitals; and the
 * islands that failed, on the server or in browsers, each by its Name#id. The charts are a
 * React island (react-islands/telemetry-charts.tsx): only their props change each second.
 */
import { defineView, html, type Template } from "lagoon";
import { island } from "lagoon/islands";
import { TelemetryCharts } from "../react-islands/telemetry-charts.contract.js";
import type { Percentiles, SecondStats, TelemetryWindow, WindowSnapshot } from "lagoon/server";

const REFRESH_MS = 1000;
const MiB = 1024 * 1024;

function ms(value: number | null): string {
  if (value === null) return "–";
  return value < 1 ? `${Math.round(value * 1000)} µs` : `${value.toFixed(1)} ms`;
}

function bytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

const three = (p: Percentiles) => `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;
const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

/** What browsers reported: their side of the same events, and what only they see. */
function browser(s: WindowSnapshot): Template {
  const c = s.client;
  const v = c.vitals;
  return html`<h2>As browsers saw it</h2>
<dl class="figures">
<dt>Felt event time p50 / p95 / p99</dt><dd id="felt-percentiles">${three(c.events)} (${c.events.count} events)</dd>
<dt>Join time p95, felt</dt><dd id="felt-joins">${ms(c.joins.p95)}</dd>
<dt>Reconnects</dt><dd id="client-reconnects">${c.reconnects.total ? c.reconnects.byCause.map((r) => `${r.cause} ${r.count}`).join(", ") : "none"}</dd>
<dt>Island hydration p95</dt><dd id="hydration">${ms(c.hydration.p95)}</dd>
<dt>Web Vitals p75: LCP / INP / CLS</dt><dd id="vitals">${ms(v.lcp.p75)} / ${ms(v.inp.p75)} / ${v.cls.p75 === null ? "–" : v.cls.p75.toFixed(3)}</dd>
<dt>Browser errors</dt><dd id="client-errors">${c.errors.total}</dd>
</dl>
${
  c.errors.byPlace.length
    ? html`<table id="errors-by-place">
<thead><tr><th scope="col">View</th><th scope="col">Island</th><th scope="col">Errors</th></tr></thead>
<tbody>${c.errors.byPlace.map((e) => html`<tr><td>${e.view}</td><td>${e.island || "–"}</td><td>${e.count}</td></tr>`)}</tbody>
</table>`
    : ""
}`;
}

/** Islands that failed (each alone: its view lived on), by island and phase, and the latest ones. */
function islandFailures(s: WindowSnapshot): Template {
  const f = s.islandErrors;
  return html`<h2>Island failures</h2>
<p id="island-errors">${f.total ? `${f.total} over the window: ${f.byIsland.map((x) => `${x.island} (${x.phase}) ${x.count}`).join(", ")}` : "none"}</p>
${
  f.recent.length
    ? html`<table id="island-errors-recent">
<thead><tr><th scope="col">When</th><th scope="col">Island</th><th scope="col">Phase</th><th scope="col">View</th></tr></thead>
<tbody>${f.recent.map((e) => html`<tr><td>${new Date(e.t).toISOString().slice(11, 19)}</td><td>${e.where}</td><td>${e.phase}</td><td>${e.view}</td></tr>`)}</tbody>
</table>`
    : ""
}`;
}

function render(s: WindowSnapshot): Template {
  const series: readonly SecondStats[] = s.series;
  return html`<main class="dashboard">
<h1>Dashboard</h1>
<p>Telemetry of this server over the last ${Math.round(s.seconds / 60)} minutes, refreshed every second.</p>
<dl class="figures">
<dt>Connected views</dt><dd id="views-total">${s.connected.total}</dd>
<dt>Events handled</dt><dd id="events-count">${s.events.count}</dd>
<dt>Event time p50 / p95 / p99</dt><dd id="event-percentiles">${ms(s.events.p50)} / ${ms(s.events.p95)} / ${ms(s.events.p99)}</dd>
<dt>Event time p95, felt in browsers / handled here</dt><dd id="p95-felt-handled">${ms(s.client.events.p95)} / ${ms(s.events.p95)}</dd>
<dt>Diffs sent</dt><dd id="diffs">${s.diffs.count} frames, ${bytes(s.diffs.bytes)}${s.diffs.count ? ` (${bytes(s.diffs.bytes / s.diffs.count)} each)` : ""}</dd>
<dt>Joins / reconnects / leaves / crashes</dt><dd id="lifecycle">${s.joins} / ${s.reconnects} / ${s.leaves} / ${s.crashes}</dd>
<dt>Heap / RSS</dt><dd id="memory">${bytes(s.memory.heapUsed)} / ${bytes(s.memory.rss)}</dd>
<dt>Memory per view (estimate)</dt><dd id="per-view">${s.memory.perView === null ? "–" : bytes(s.memory.perView)}</dd>
</dl>
<h2>Connected views by route</h2>
<table id="by-route">
<thead><tr><th scope="col">Route</th><th scope="col">View</th><th scope="col">Connected</th></tr></thead>
<tbody>${s.connected.byRoute.map((r) => html`<tr><td>${r.route}</td><td>${r.view}</td><td>${r.count}</td></tr>`)}</tbody>
</table>
<h2>Top events</h2>
<table id="top-events">
<thead><tr><th scope="col">View</th><th scope="col">Event</th><th scope="col">Count</th><th scope="col">Mean time</th><th scope="col">Diff bytes</th></tr></thead>
<tbody>${s.topEvents.map((e) => html`<tr><td>${e.view}</td><td>${e.event}</td><td>${e.count}</td><td>${ms(e.mean)}</td><td>${bytes(e.bytes)}</td></tr>`)}</tbody>
</table>
<h2>Last minutes</h2>
${island(TelemetryCharts, {
  id: "charts",
  load: "visible",
  props: {
    events: series.map((x) => x.events),
    // rounded: the props go over the wire every second
    p95: series.map((x) => round3(x.p95)),
    feltP95: series.map((x) => round3(x.feltP95)),
    views: series.map((x) => x.views),
    heap: series.map((x) => Math.round((x.heapUsed / MiB) * 10) / 10),
  },
})}
${browser(s)}
${islandFailures(s)}
</main>`;
}

/** The dashboard view over `window`; route it behind whatever guard the app needs. */
export function dashboardLive(window: TelemetryWindow) {
  return defineView<{ snapshot: WindowSnapshot; pageTitle: string }>({
    name: "DashboardLive",
    mount(_params, _session, socket) {
      socket.assign({ snapshot: window.snapshot(), pageTitle: "Dashboard" });
      if (socket.connected) {
        const handle = socket.handle;
        const timer = setInterval(() => handle.send("refresh"), REFRESH_MS);
        socket.onEnd(() => clearInterval(timer));
      }
    },
    info(_message, socket) {
      socket.assign({ snapshot: window.snapshot() });
    },
    render: (a) => render(a.snapshot),
  });
}
