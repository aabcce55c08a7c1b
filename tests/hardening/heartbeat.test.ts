/**
 * Dead connections: a client that stops answering pings (half-open TCP, a frozen tab) is
 * terminated by the heartbeat and its view freed; a live client over the same period stays.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureServer } from "../support/fixture-server.js";
import { hardeningRoutes, stats } from "../support/views/hardening.js";
import { closed, push } from "./helpers.js";
import { joinView } from "../support/protocol.js";
import { until } from "../support/until.js";

// long enough that a loaded machine still answers a live client's pings in time
const HEARTBEAT_MS = 300;

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer(hardeningRoutes(), { socket: { heartbeatMs: HEARTBEAT_MS } });
});
afterAll(async () => {
  await server?.close();
});

describe("heartbeat", () => {
  it("terminates clients that stop answering pings and frees their views; live clients stay", async () => {
    const live = await joinView(server.url, "/load?topic=live");
    // answers nothing: its ws never sends a pong
    const mute = await joinView(server.url, "/load?topic=mute", { ws: { autoPong: false } });
    // reads nothing at all, as if the peer had vanished
    const frozen = await joinView(server.url, "/load?topic=frozen");
    frozen.client.ws.pause();
    const pubsub = server.lagoon.pubsub;
    expect(["live", "mute", "frozen"].map((t) => pubsub.localSubscribers(`load:${t}`))).toEqual([1, 1, 1]);

    await until(() => pubsub.localSubscribers("load:mute") === 0 && pubsub.localSubscribers("load:frozen") === 0, "dead views freed");
    expect(stats.terminated.filter((r) => r === "load:disconnect")).toHaveLength(2);
    expect(server.lagoon.live.size).toBe(1);
    // terminated, not closed: there was nobody to send a close frame to
    expect(await closed(mute.client)).toBe(1006);

    // many heartbeats later the live client is still there and working
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS * 5));
    expect(pubsub.localSubscribers("load:live")).toBe(1);
    expect(live.client.closed).toBeUndefined();
    expect((await push(live, "tick")).response.diff).toEqual({ 0: "1" });
    await live.client.close();
    frozen.client.ws.terminate();
  });
});
