/** TelemetryWindow: the per-second aggregation behind dashboards, on a fake clock and memory reading. */
import { describe, expect, it } from "vitest";
import { TelemetryWindow, type TelemetryEvent } from "../../server/index.js";

function fixture(seconds = 60) {
  let now = 1_000_000;
  let heap = 10_000_000;
  const window = new TelemetryWindow({ seconds, now: () => now, memory: () => ({ heapUsed: heap, rss: heap * 2 }) });
  return {
    window,
    tick: (ms: number) => (now += ms),
    setHeap: (bytes: number) => (heap = bytes),
    now: () => now,
  };
}

const base = { route: "/counter", view: "CounterLive", id: "phx-1", connected: true } as const;
const event = (name: string, duration: number, bytes?: number): TelemetryEvent => ({
  ...base,
  name: "event",
  event: name,
  duration,
  bytes,
});
const join = (route = "/counter", view = "CounterLive") => ({
  ...base,
  route,
  view,
  name: "join" as const,
  ok: true,
  rejoin: false,
  duration: 1,
});
const leave = (route = "/counter", view = "CounterLive") => ({
  ...base,
  route,
  view,
  name: "leave" as const,
  reason: "leave",
  duration: 1,
});

describe("TelemetryWindow", () => {
  it("gives event time percentiles within a bin (~19%) of the exact ones", () => {
    const { window } = fixture();
    // 1..1000 × 0.01 ms: p50 0.5 ms, p95 9.5 ms, p99 9.9 ms
    for (let i = 1; i <= 1000; i++) window.record(event("increment", i * 0.01));
    const s = window.snapshot();
    expect(s.events.count).toBe(1000);
    for (const [got, exact] of [
      [s.events.p50, 5],
      [s.events.p95, 9.5],
      [s.events.p99, 9.9],
    ] as const) {
      expect(got! / exact).toBeGreaterThanOrEqual(1);
      expect(got! / exact).toBeLessThan(1.19);
    }
  });

  it("ranks events by volume with their mean time and diff bytes", () => {
    const { window } = fixture();
    for (let i = 0; i < 5; i++) window.record(event("increment", 2, 80));
    window.record(event("reset", 4, 90));
    window.record(event("reset", 6));
    window.record({ ...event("send", 1, 100), view: "ChatLive" });
    const s = window.snapshot();
    expect(s.topEvents).toEqual([
      { view: "CounterLive", event: "increment", count: 5, mean: 2, bytes: 400 },
      { view: "CounterLive", event: "reset", count: 2, mean: 5, bytes: 90 },
      { view: "ChatLive", event: "send", count: 1, mean: 1, bytes: 100 },
    ]);
    expect(s.diffs).toEqual({ count: 7, bytes: 590 });
  });

  it("counts connected views by route from joins and leaves, ignoring leaves of views it never saw join", () => {
    const { window } = fixture();
    window.record(leave()); // joined before the window existed
    window.record(join());
    window.record(join());
    window.record(join("/chat/:room", "ChatLive"));
    window.record({ ...join(), ok: false });
    window.record(leave());
    const s = window.snapshot();
    expect(s.connected).toEqual({
      total: 2,
      byRoute: [
        { route: "/chat/:room", view: "ChatLive", count: 1 },
        { route: "/counter", view: "CounterLive", count: 1 },
      ],
    });
    expect(s.joins).toBe(3);
    expect(s.leaves).toBe(2);
  });

  it("charts the last seconds and forgets what left the window", () => {
    const { window, tick } = fixture(10);
    window.record(join());
    window.record(event("increment", 1));
    tick(1000);
    window.record(event("increment", 1));
    window.record(event("increment", 3));
    tick(3000);
    let s = window.snapshot();
    expect(s.series).toHaveLength(10);
    expect(s.series.map((x) => x.events)).toEqual([0, 0, 0, 0, 0, 1, 2, 0, 0, 0]);
    expect(s.series.map((x) => x.views)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(s.series[6]!.p95! / 3).toBeGreaterThanOrEqual(1);
    expect(s.series[6]!.p95! / 3).toBeLessThan(1.19);
    expect(s.series[9]!.t - s.series[0]!.t).toBe(9000);
    expect(s.events.count).toBe(3);

    tick(7000);
    s = window.snapshot();
    expect(s.events.count).toBe(0);
    expect(s.events.p95).toBeNull();
    expect(s.topEvents).toEqual([]);
    // the view is still connected, though its join left the window
    expect(s.series.map((x) => x.views)).toEqual(Array(10).fill(1));
    expect(s.connected.total).toBe(1);
  });

  it("estimates memory per view from the heap above the idle baseline", () => {
    const { window, tick, setHeap } = fixture();
    expect(window.snapshot().memory.perView).toBeNull();
    for (let i = 0; i < 4; i++) window.record(join());
    setHeap(10_000_000 + 4 * 50_000);
    tick(1000);
    const s = window.snapshot();
    expect(s.memory).toEqual({ heapUsed: 10_200_000, rss: 20_400_000, perView: 50_000 });
    expect(s.series.at(-1)!.heapUsed).toBe(10_200_000);
  });

  it("counts crashes and reconnects", () => {
    const { window } = fixture();
    window.record({ ...base, name: "crash", event: "event", duration: 0 });
    window.record({ ...join(), rejoin: true, name: "reconnect" as const });
    const s = window.snapshot();
    expect([s.crashes, s.reconnects]).toEqual([1, 1]);
  });
});
