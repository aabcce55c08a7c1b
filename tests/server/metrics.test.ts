/** /metrics over HTTP, after driving views over a real WebSocket: Prometheus text from prom-client. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { counterRoutes } from "../support/views/counter.js";
import { coreRoutes } from "../support/views/core.js";
import { hardeningRoutes } from "../support/views/hardening.js";
import { push } from "../hardening/helpers.js";
import { joinView } from "../support/protocol.js";
import { until } from "../support/until.js";

/** The value of the sample `name{labels}` in Prometheus text, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(base: string): Promise<string> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return res.text();
}

describe("/metrics", () => {
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  beforeAll(async () => {
    server = await startFixtureServer(counterRoutes());
    server.lagoon.app.get("/metrics", server.lagoon.metrics());
  });
  afterAll(async () => {
    await server.close();
  });

  it("counts the counter's joins, events by name, diff bytes, connected views and memory", async () => {
    const a = await joinView(server.url, "/counter");
    const b = await joinView(server.url, "/counter");
    for (let i = 0; i < 3; i++) expect((await push(a, "increment")).response.diff).toEqual({ 0: { 0: String(i + 1) } });
    await push(b, "decrement");
    // refused: answered ok, counted by reason (the client's event name is no label)
    expect((await push(b, "no-such-event")).response.diff.r.error.reason).toBe("unknown_event");

    let text = await scrape(server.url);
    expect(sample(text, "lagoon_event_refusals_total", { view: "CounterLive", reason: "unknown_event" })).toBe(1);
    const counter = { view: "CounterLive", route: "/counter" };
    expect(sample(text, "lagoon_joins_total", counter)).toBe(2);
    expect(sample(text, "lagoon_connected_views", counter)).toBe(2);
    expect(sample(text, "lagoon_live_connections")).toBe(2);
    expect(sample(text, "lagoon_event_duration_seconds_count", { view: "CounterLive", event: "increment" })).toBe(3);
    expect(sample(text, "lagoon_event_duration_seconds_count", { view: "CounterLive", event: "decrement" })).toBe(1);
    const sum = sample(text, "lagoon_event_duration_seconds_sum", { view: "CounterLive", event: "increment" })!;
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(10);
    // a click's reply frame: ["<join>","<ref>","lv:phx-...","phx_reply",{"status":"ok","response":{"diff":{"0":{"0":"1"}}}}]
    const bytes = sample(text, "lagoon_diff_bytes_sum", { view: "CounterLive", event: "increment" })!;
    expect(bytes / 3).toBeGreaterThan(60);
    expect(bytes / 3).toBeLessThan(120);
    expect(sample(text, "lagoon_diff_bytes_bucket", { view: "CounterLive", event: "increment", le: "256" })).toBe(3);
    expect(sample(text, "lagoon_diff_bytes_count", { view: "CounterLive", event: "join" })).toBe(2);
    expect(sample(text, "lagoon_mount_duration_seconds_count", { view: "CounterLive", connected: "false" })).toBe(2);
    expect(sample(text, "lagoon_mount_duration_seconds_count", { view: "CounterLive", connected: "true" })).toBe(2);
    expect(sample(text, "lagoon_render_duration_seconds_count", { view: "CounterLive" })).toBe(6);
    expect(sample(text, "lagoon_heap_used_bytes")).toBeGreaterThan(1_000_000);
    expect(sample(text, "lagoon_rss_bytes")).toBeGreaterThan(sample(text, "lagoon_heap_used_bytes")!);

    await a.client.close();
    await until(async () => sample(await scrape(server.url), "lagoon_connected_views", counter) === 1, "one view left");
    text = await scrape(server.url);
    expect(sample(text, "lagoon_leaves_total", { view: "CounterLive", reason: "disconnect" })).toBe(1);
    expect(sample(text, "lagoon_live_connections")).toBe(1);
    await b.client.close();
  });
});

describe("metrics of crashes, reconnects and messages", () => {
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  beforeAll(async () => {
    server = await startFixtureServer([...coreRoutes(), ...hardeningRoutes()]);
    server.lagoon.app.get("/metrics", server.lagoon.metrics());
  });
  afterAll(async () => {
    await server.close();
  });

  it("counts crashes by phase, reconnects, failed joins and info messages", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const j = await joinView(server.url, "/crash");
      j.client.sendRaw(JSON.stringify([j.joinRef, "9", j.topic, "event", { type: "click", event: "boom", value: {} }]));
      await j.client.waitFor((f) => f[3] === "phx_error");
      // the official client rejoins, telling how many joins it made before
      const again = await j.client.join(server.url, j.page, "/crash", { params: { _csrf_token: j.page.csrf, _mounts: 1 } });
      expect(again.reply[4].status).toBe("ok");
      const failing = await joinView(server.url, "/crash?on=connected-mount");
      expect(failing.reply[4].status).toBe("error");

      const load = await joinView(server.url, "/load?topic=metrics");
      server.lagoon.pubsub.broadcast("load:metrics", { size: 5000 });
      await load.client.waitFor((f) => f[3] === "diff");

      const text = await scrape(server.url);
      const crash = { view: "CrashLive", route: "/crash" };
      expect(sample(text, "lagoon_crashes_total", { view: "CrashLive", phase: "event" })).toBe(1);
      expect(sample(text, "lagoon_crashes_total", { view: "CrashLive", phase: "mount" })).toBe(1);
      expect(sample(text, "lagoon_leaves_total", { view: "CrashLive", reason: "crash" })).toBe(1);
      expect(sample(text, "lagoon_joins_total", crash)).toBe(2);
      expect(sample(text, "lagoon_reconnects_total", crash)).toBe(1);
      expect(sample(text, "lagoon_join_failures_total", crash)).toBe(1);
      expect(sample(text, "lagoon_connected_views", crash)).toBe(1);
      expect(sample(text, "lagoon_message_duration_seconds_count", { view: "LoadLive", kind: "info" })).toBe(1);
      // a 5,000-character blob pushed: between the 4 KiB and 16 KiB buckets
      expect(sample(text, "lagoon_diff_bytes_bucket", { view: "LoadLive", event: "info", le: "4096" })).toBe(0);
      expect(sample(text, "lagoon_diff_bytes_bucket", { view: "LoadLive", event: "info", le: "16384" })).toBe(1);
      for (const c of [j.client, failing.client, load.client]) await c.close();
    } finally {
      vi.restoreAllMocks();
    }
  });
});
