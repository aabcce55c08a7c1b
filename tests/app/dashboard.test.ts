/** The demo's /dashboard through the in-process test client: figures from a TelemetryWindow, refreshed live. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { TelemetryWindow, type ClientEvent, type IslandErrorEvent } from "lagoon/server";
import { demo } from "../support/demo.js";
import { TelemetryCharts } from "../../app/react-islands/telemetry-charts.contract.js";

const at = { id: "phx-x", connected: true } as const;
const join = (route: string, view: string) => ({ ...at, name: "join" as const, route, view, ok: true, rejoin: false, duration: 1 });
const click = (event: string, duration: number, bytes: number) => ({
  ...at,
  name: "event" as const,
  route: "/counter",
  view: "CounterLive",
  event,
  duration,
  bytes,
});

/** /dashboard as a logged-in user: the demo guards it like /todos. */
async function dashboard(telemetry: TelemetryWindow) {
  const app = await demo({ telemetry });
  const view = await app.visit("/dashboard", { user: await app.user("alice@example.com") });
  return Object.assign(view, { closeAll: async () => (view.close(), await app.close()) });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("dashboard", () => {
  it("is for logged-in users: anonymous visitors are sent to /login", async () => {
    const app = await demo();
    await expect(app.visit("/dashboard")).rejects.toMatchObject({ to: expect.stringContaining("/login?return_to=%2Fdashboard") });
    await app.close();
  });

  it("shows connected views by route, event percentiles, top events, diff bytes and charts", async () => {
    // a fixed clock: everything below happens in one second of the window
    const telemetry = new TelemetryWindow({ now: () => 1_700_000_000_000 });
    const view = await dashboard(telemetry);
    expect(view.title).toBe("Dashboard");
    expect(view.find("#views-total")?.textContent).toBe("0");
    expect(view.find("#event-percentiles")?.textContent).toBe("– / – / –");
    expect(view.find("#by-route tbody")?.childNodes).toHaveLength(0);

    telemetry.record(join("/counter", "CounterLive"));
    telemetry.record(join("/counter", "CounterLive"));
    telemetry.record(join("/", "HomeLive"));
    for (let i = 0; i < 3; i++) telemetry.record(click("increment", 0.2, 88));
    telemetry.record(click("reset", 3, 90));
    await view.send("refresh");

    expect(view.find("#views-total")?.textContent).toBe("3");
    expect(view.find("#events-count")?.textContent).toBe("4");
    // p50 in the 0.2 ms bin, p95 and p99 in the 3 ms bin (bins are ~19% wide)
    expect(view.find("#event-percentiles")?.textContent).toMatch(/^2\d\d µs \/ 3\.\d ms \/ 3\.\d ms$/);
    expect(view.find("#diffs")?.textContent).toBe("4 frames, 354 B (89 B each)");
    const cells = (table: string) =>
      (view.find(`${table} tbody`)?.querySelectorAll("tr") ?? []).map((tr) => tr.querySelectorAll("td").map((td) => td.textContent));
    expect(cells("#by-route")).toEqual([
      ["/counter", "CounterLive", "2"],
      ["/", "HomeLive", "1"],
    ]);
    expect(cells("#top-events")).toEqual([
      ["CounterLive", "increment", "3", "200 µs", "264 B"],
      ["CounterLive", "reset", "1", "3.0 ms", "90 B"],
    ]);
    expect(view.find("#lifecycle")?.textContent).toBe("3 / 0 / 0 / 0");
    // the chart island's props: one value per second of the window, this second last
    const charts = view.island(TelemetryCharts, "charts").props();
    expect(charts.events).toHaveLength(300);
    expect(charts.events!.at(-1)).toBe(4);
    expect(charts.views!.at(-1)).toBe(3);
    expect(charts.p95!.at(-1)).toBeCloseTo(3, 0);
    expect(charts.p95!.at(-2)).toBeNull();
    await view.closeAll();
  });

  it("shows what browsers reported beside the server's own figures: felt and handled p95, reconnects, errors, vitals", async () => {
    const telemetry = new TelemetryWindow({ now: () => 1_700_000_000_000 });
    const view = await dashboard(telemetry);
    expect(view.find("#p95-felt-handled")?.textContent).toBe("– / –");
    expect(view.find("#client-reconnects")?.textContent).toBe("none");
    const signal = (kind: ClientEvent["kind"], value: number, extra: Partial<ClientEvent> = {}): ClientEvent => ({
      name: "client",
      kind,
      view: "CounterLive",
      route: "/counter",
      value,
      ...extra,
    });
    for (let i = 0; i < 3; i++) {
      telemetry.record(click("increment", 0.2, 88));
      telemetry.record(signal("event", 24, { event: "increment" }));
    }
    telemetry.record(signal("join", 40));
    telemetry.record(signal("reconnect", 900, { cause: "going_away" }));
    telemetry.record(signal("reconnect", 300, { cause: "going_away" }));
    telemetry.record(signal("reconnect", 5000, { cause: "connection_lost" }));
    telemetry.record(signal("error", 0, { island: "" }));
    telemetry.record(signal("error", 0, { island: "Board" }));
    telemetry.record(signal("error", 0, { island: "Board" }));
    telemetry.record(signal("hydrate", 12, { island: "Board" }));
    telemetry.record(signal("lcp", 800));
    telemetry.record(signal("inp", 64));
    telemetry.record(signal("cls", 0.05));
    await view.send("refresh");
    // felt in the 24 ms bin, handled in the 0.2 ms one (bins are ~19% wide)
    expect(view.find("#p95-felt-handled")?.textContent).toMatch(/^2\d\.\d ms \/ 2\d\d µs$/);
    expect(view.find("#felt-percentiles")?.textContent).toContain("(3 events)");
    expect(view.find("#client-reconnects")?.textContent).toBe("going_away 2, connection_lost 1");
    expect(view.find("#client-errors")?.textContent).toBe("3");
    const rows = (view.find("#errors-by-place tbody")?.querySelectorAll("tr") ?? []).map((tr) =>
      tr.querySelectorAll("td").map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ["CounterLive", "Board", "2"],
      ["CounterLive", "–", "1"],
    ]);
    expect(view.find("#vitals")?.textContent).toMatch(/^[89]\d\d\.\d ms \/ [67]\d\.\d ms \/ 0\.0[56]\d$/);
    const charts = view.island(TelemetryCharts, "charts").props();
    expect(charts.feltP95!.at(-1)).toBeCloseTo(24, -1);
    await view.closeAll();
  });

  it("lists the islands that failed, by island and phase, the latest with their Name#id", async () => {
    const telemetry = new TelemetryWindow({ now: () => 1_700_000_000_000 });
    const view = await dashboard(telemetry);
    expect(view.find("#island-errors")?.textContent).toBe("none");
    expect(view.has("#island-errors-recent")).toBe(false);
    const failed = (island: string, islandId: string, phase: IslandErrorEvent["phase"]): IslandErrorEvent => ({
      name: "island_error",
      view: "BoardLive",
      route: "/board",
      id: "phx-x",
      island,
      islandId,
      phase,
    });
    telemetry.record(failed("Board", "board", "server"));
    telemetry.record(failed("Board", "board", "render"));
    telemetry.record(failed("Board", "board-2", "render"));
    telemetry.record(failed("Tally", "tally", "hydration"));
    await view.send("refresh");
    expect(view.find("#island-errors")?.textContent).toBe("4 over the window: Board (render) 2, Board (server) 1, Tally (hydration) 1");
    const rows = (view.find("#island-errors-recent tbody")?.querySelectorAll("tr") ?? []).map((tr) =>
      tr.querySelectorAll("td").map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ["22:13:20", "Tally#tally", "hydration", "BoardLive"],
      ["22:13:20", "Board#board-2", "render", "BoardLive"],
      ["22:13:20", "Board#board", "render", "BoardLive"],
      ["22:13:20", "Board#board", "server", "BoardLive"],
    ]);
    await view.closeAll();
  });

  it("refreshes every second while connected, and stops when the view ends", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const telemetry = new TelemetryWindow();
    const view = await dashboard(telemetry);
    telemetry.record(join("/counter", "CounterLive"));
    const pushes = () => view.messages.filter((m) => m.kind === "push").length;
    const before = pushes();
    vi.advanceTimersByTime(1000);
    await view.flush();
    expect(pushes()).toBe(before + 1);
    expect(view.find("#views-total")?.textContent).toBe("1");
    await view.closeAll();
    expect(vi.getTimerCount()).toBe(0);
  });
});
