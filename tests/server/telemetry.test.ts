/** Telemetry over a real WebSocket: every span a view goes through arrives, with sensible fields. */
import diagnostics from "node:diagnostics_channel";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { onTelemetry, TELEMETRY_CHANNELS, type TelemetryEvent } from "../../server/index.js";
import { startFixtureServer } from "../support/fixture-server.js";
import type { Frame } from "../support/protocol.js";
import { coreRoutes } from "../support/views/core.js";
import { hardeningRoutes } from "../support/views/hardening.js";
import { push } from "../hardening/helpers.js";
import { joinView } from "../support/protocol.js";
import { until } from "../support/until.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
let events: TelemetryEvent[] = [];
beforeAll(async () => {
  server = await startFixtureServer([...coreRoutes(), ...hardeningRoutes()]);
  server.lagoon.onTelemetry((e) => events.push(e));
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  events = [];
  vi.restoreAllMocks();
});

const bytesOf = (frame: Frame) => Buffer.byteLength(JSON.stringify(frame));
type ServerEvent = Exclude<TelemetryEvent, { name: "client" | "island_error" | "island_render" }>;
const of = (id: string, name: ServerEvent["name"]) =>
  events.filter((e): e is ServerEvent => e.name === name && (e as ServerEvent).id === id);

async function waitFor(id: string, name: ServerEvent["name"]): Promise<ServerEvent> {
  await until(() => of(id, name).length > 0, `a ${name} event`);
  return of(id, name)[0]!;
}

describe("telemetry", () => {
  it("reports the HTTP mount, then the connected mount, first render and join of a view", async () => {
    const j = await joinView(server.url, "/order");
    const id = j.page.id;
    const [dead, live] = of(id, "mount");
    expect(dead).toMatchObject({ name: "mount", view: "OrderLive", route: "/order", connected: false });
    expect(live).toMatchObject({ name: "mount", view: "OrderLive", route: "/order", connected: true });
    expect(of(id, "render")[0]).toMatchObject({ view: "OrderLive", connected: true });
    const join = await waitFor(id, "join");
    expect(join).toMatchObject({ view: "OrderLive", route: "/order", ok: true, rejoin: false, bytes: bytesOf(j.reply) });
    // the join covers the mount and the first render
    expect(join.duration).toBeGreaterThanOrEqual(live!.duration);
    expect(of(id, "reconnect")).toEqual([]);
    for (const e of events) if (e.name !== "client" && e.name !== "island_error") expect(e.duration).toBeGreaterThanOrEqual(0);
    await j.client.close();
  });

  it("times each event under its name, with the bytes of the reply that carried its diff", async () => {
    const j = await joinView(server.url, "/order");
    const slow = await j.client.push(j.joinRef, j.topic, "event", { type: "click", event: "slow", value: {} });
    const span = of(j.page.id, "event")[0]!;
    expect(span).toMatchObject({ name: "event", view: "OrderLive", route: "/order", event: "slow", bytes: bytesOf(slow) });
    // the handler waits 50 ms
    expect(span.duration).toBeGreaterThanOrEqual(45);
    // no diff in the reply: no bytes
    await j.client.push(j.joinRef, j.topic, "event", { type: "click", event: "noop", value: {} });
    expect(of(j.page.id, "event")[1]).toMatchObject({ event: "noop" });
    expect(of(j.page.id, "event")[1]!.bytes).toBeUndefined();
    // a name the view does not define never becomes a label
    await push(j, "made-up-name");
    const unknown = of(j.page.id, "event")[2]!;
    expect(unknown.name).toBe("event");
    expect(unknown).not.toHaveProperty("event");
    expect(JSON.stringify(events)).not.toContain("made-up-name");
    await j.client.close();
  });

  it("names component events, and reports handle_params and info spans", async () => {
    const cards = await joinView(server.url, "/cards");
    await cards.client.push(cards.joinRef, cards.topic, "event", { type: "click", event: "bump", value: {}, cid: 1 });
    expect(of(cards.page.id, "event")[0]).toMatchObject({ view: "CardsLive", event: "bump" });

    const nav = await joinView(server.url, "/nav");
    await nav.client.push(nav.joinRef, nav.topic, "live_patch", { url: `${server.url}/nav?sort=asc` });
    expect(of(nav.page.id, "handle_params")[0]).toMatchObject({ view: "NavLive", route: "/nav", connected: true });

    const load = await joinView(server.url, "/load?topic=telemetry");
    server.lagoon.pubsub.broadcast("load:telemetry", { size: 200 });
    const diff = await load.client.waitFor((f) => f[3] === "diff");
    const info = await waitFor(load.page.id, "info");
    expect(info).toMatchObject({ view: "LoadLive", route: "/load", bytes: bytesOf(diff) });
    for (const j of [cards, nav, load]) await j.client.close();
  });

  it("reports a crash with its phase, and the view's leave", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const j = await joinView(server.url, "/crash");
    j.client.sendRaw(JSON.stringify([j.joinRef, "9", j.topic, "event", { type: "click", event: "boom", value: {} }]));
    const crash = await waitFor(j.page.id, "crash");
    expect(crash).toMatchObject({ view: "CrashLive", route: "/crash", event: "event", duration: 0 });
    expect(await waitFor(j.page.id, "leave")).toMatchObject({ view: "CrashLive", reason: "crash" });
    await j.client.close();
  });

  it("reports leaves by reason, once per joined view, and a rejoin as a reconnect", async () => {
    const j = await joinView(server.url, "/order");
    const id = j.page.id;
    await j.client.push(j.joinRef, j.topic, "phx_leave", {});
    const leave = await waitFor(id, "leave");
    expect(leave).toMatchObject({ view: "OrderLive", route: "/order", reason: "leave" });
    expect(leave.duration).toBeGreaterThan(0);

    // the official client sends how many times it joined this view before: a reconnect
    const again = await j.client.join(server.url, j.page, "/order", {
      params: { _csrf_token: j.page.csrf, _mounts: 1, _mount_attempts: 0 },
    });
    expect(again.reply[4].status).toBe("ok");
    const joins = of(id, "join");
    expect(joins[1]).toMatchObject({ ok: true, rejoin: true });
    expect(of(id, "reconnect")).toEqual([{ ...joins[1], name: "reconnect" }]);

    // the connection goes: its view leaves with "disconnect"
    await j.client.close();
    await until(() => of(id, "leave").length === 2, "the second leave");
    expect(of(id, "leave")[1]).toMatchObject({ reason: "disconnect" });
    await new Promise((r) => setTimeout(r, 50));
    expect(of(id, "leave")).toHaveLength(2);
  });

  it("publishes on diagnostics channels, which onTelemetry subscribes to for every Lagoon", async () => {
    const viaChannel: unknown[] = [];
    const listener = (message: unknown, name: string | symbol) => viaChannel.push([name, message]);
    diagnostics.subscribe(TELEMETRY_CHANNELS.event, listener);
    const global: TelemetryEvent[] = [];
    const off = onTelemetry((e) => global.push(e));
    try {
      const j = await joinView(server.url, "/order");
      await push(j, "fast");
      const span = of(j.page.id, "event")[0];
      expect(viaChannel).toEqual([["lagoon:view:event", span]]);
      // spans of a message come once it is answered: the join's render after the join
      expect(global.filter((e) => e.name !== "client" && e.id === j.page.id).map((e) => e.name)).toEqual([
        "mount",
        "mount",
        "join",
        "render",
        "render",
        "event",
      ]);
      off();
      await push(j, "fast");
      expect(global.filter((e) => e.name !== "client" && e.id === j.page.id)).toHaveLength(6);
      expect(viaChannel).toHaveLength(2);
      await j.client.close();
    } finally {
      off();
      diagnostics.unsubscribe(TELEMETRY_CHANNELS.event, listener);
    }
  });

  it("a listener that throws is logged and breaks nothing", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const off = server.lagoon.onTelemetry(() => {
      throw new Error("listener broke");
    });
    const offGlobal = onTelemetry(() => {
      throw new Error("global listener broke");
    });
    try {
      const j = await joinView(server.url, "/order");
      expect((await push(j, "fast")).response.diff).toBeDefined();
      expect((await push(j, "fast")).status).toBe("ok");
      expect(logged).toHaveBeenCalled();
      await j.client.close();
    } finally {
      off();
      offGlobal();
    }
  });
});
