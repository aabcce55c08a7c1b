/**
 * Crash isolation over a real socket: an exception in a view's mount, event handler, render
 * or info handler ends that view only. The client gets a generic error (the stack goes to the
 * server log), can rejoin, and other views on the same socket and other users carry on.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { loadPage, ProtocolClient, joinAnother, joinView, type Joined } from "../support/protocol.js";
import { CRASH_SECRET, hardeningRoutes, stats } from "../support/views/hardening.js";
import { push, rendering, wire } from "./helpers.js";
import { until } from "../support/until.js";

let server: Awaited<ReturnType<typeof startFixtureServer>>;
const logged: string[] = [];
beforeAll(async () => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" "));
  });
  server = await startFixtureServer(hardeningRoutes());
});
afterAll(async () => {
  await server?.close();
  vi.restoreAllMocks();
});

/** Nothing that looks like an exception reached the client. */
function expectNoLeak(text: string): void {
  expect(text).not.toContain(CRASH_SECRET);
  expect(text).not.toMatch(/Error|stack|\.ts:\d|\bat [\w.<>]+ \(/);
}

const count = (j: Joined) => rendering(j).dom().querySelector("#count")!.textContent;

describe("crash isolation", () => {
  for (const trigger of ["boom", "breakRender", "later"] as const) {
    it(`a crash via "${trigger}" ends only that view; it can rejoin, and its neighbours carry on`, async () => {
      const a = await joinView(server.url, "/crash");
      const b = await joinAnother(server.url, "/crash", a); // same user, same socket
      const c = await joinView(server.url, "/crash"); // another user
      for (const j of [a, b, c]) expect((await push(j, "inc")).response.diff).toEqual({ 0: "1" });
      const loggedBefore = logged.length;

      a.client.sendRaw(JSON.stringify([a.joinRef, "crash", a.topic, "event", { type: "click", event: trigger, value: {} }]));
      const error = await a.client.waitFor((f) => f[3] === "phx_error" && f[2] === a.topic);
      expect(error).toEqual([a.joinRef, a.joinRef, a.topic, "phx_error", {}]);

      // the crashed view is gone; its neighbour on the socket and the other user keep their state
      expect((await push(a, "inc")).response.reason).toBe("unmatched topic");
      expect((await push(b, "inc")).response.diff).toEqual({ 0: "2" });
      expect((await push(c, "inc")).response.diff).toEqual({ 0: "2" });

      // the client rejoins (the official client does so by itself) and gets a fresh mount
      const again = await a.client.join(server.url, a.page, "/crash");
      expect(again.reply[4].status).toBe("ok");
      expect(count({ ...a, ...again })).toBe("count: 0");

      expectNoLeak(wire(a.client));
      expectNoLeak(wire(c.client));
      // the details went to the server log instead
      expect(logged.slice(loggedBefore).join("\n")).toContain(CRASH_SECRET);
      await a.client.close();
      await c.client.close();
    });
  }

  it("frees a view however it ends: crash, navigation, leave or disconnect", async () => {
    const pubsub = server.lagoon.pubsub;
    const ended = async (topic: string, end: (j: Joined) => Promise<unknown>, reason: string) => {
      const j = await joinView(server.url, `/crash?topic=${topic}`);
      expect(pubsub.localSubscribers(`crash:${topic}`)).toBe(1);
      const before = stats.terminated.length;
      await end(j);
      await until(() => pubsub.localSubscribers(`crash:${topic}`) === 0, `view ${topic} freed`);
      expect(stats.terminated.slice(before)).toEqual([`crash:${reason}`]);
      return j;
    };
    const crash = async (j: Joined) => {
      j.client.sendRaw(JSON.stringify([j.joinRef, "x", j.topic, "event", { type: "click", event: "boom", value: {} }]));
      await j.client.waitFor((f) => f[3] === "phx_error");
    };
    await (await ended("crashed", crash, "error")).client.close();
    await (await ended("away", (j) => push(j, "away"), "navigate")).client.close();
    await (await ended("left", (j) => j.client.push(j.joinRef, j.topic, "phx_leave", {}), "leave")).client.close();
    await ended("gone", (j) => j.client.close(), "disconnect");
  });

  it("a crash in connected mount answers the join generically; the socket and its other view carry on", async () => {
    const ok = await joinView(server.url, "/crash");
    const crashing = await loadPage(server.url, "/crash?on=connected-mount", ok.page.cookie);
    expect(crashing.html).toContain("count: 0"); // the HTTP mount is fine
    const joins = stats.crashJoins;
    const { reply } = await ok.client.join(server.url, crashing, "/crash?on=connected-mount");
    expect(reply[4]).toEqual({ status: "error", response: { reason: "join crashed" } });
    expect(stats.crashJoins).toBe(joins + 1);
    expect((await push(ok, "inc")).response.diff).toEqual({ 0: "1" });
    // every rejoin gets the same answer, and the server never retries on its own
    for (let i = 0; i < 5; i++) {
      const retry = await ok.client.join(server.url, crashing, "/crash?on=connected-mount");
      expect(retry.reply[4]).toEqual({ status: "error", response: { reason: "join crashed" } });
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(stats.crashJoins).toBe(joins + 6);
    expect((await push(ok, "inc")).response.diff).toEqual({ 0: "2" });
    expectNoLeak(wire(ok.client));
    await ok.client.close();
  });

  it("a crash in the HTTP mount is a generic 500 page", async () => {
    const res = await fetch(server.url + "/crash?on=mount");
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain("Something went wrong");
    expectNoLeak(body);
    expect(logged.join("\n")).toContain(CRASH_SECRET);
    // and the server still serves
    expect((await fetch(server.url + "/crash")).status).toBe(200);
  });

  it("a view that crashes right after every rejoin does not take the socket down", async () => {
    const page = await loadPage(server.url, "/crash");
    const client = await ProtocolClient.connect(server.url, page);
    for (let i = 0; i < 20; i++) {
      const j = await client.join(server.url, page, "/crash");
      expect(j.reply[4].status).toBe("ok");
      client.sendRaw(JSON.stringify([j.joinRef, `boom${i}`, j.topic, "event", { type: "click", event: "boom", value: {} }]));
      await client.waitFor((f) => f[3] === "phx_error" && f[0] === j.joinRef);
    }
    expect(client.closed).toBeUndefined();
    const hb = await client.push(null, "phoenix", "heartbeat", {});
    expect(hb[4]).toEqual({ status: "ok", response: {} });
    expectNoLeak(wire(client));
    await client.close();
  });
});
