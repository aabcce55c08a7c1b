/**
 * A client that stops reading: the server keeps at most about `sendBuffer` bytes queued for
 * it, then closes it with 1008 and frees its view; other clients are unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { startFixtureServer } from "../support/fixture-server.js";
import { hardeningRoutes, stats } from "../support/views/hardening.js";
import { closed, collectGarbage, push } from "./helpers.js";
import { joinView } from "../support/protocol.js";
import { until } from "../support/until.js";

const SEND_BUFFER = 1024 * 1024;
const BLOB = 128 * 1024;
const BLASTS = 400; // 50 MiB of diffs: far beyond what loopback TCP buffers absorb

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer(hardeningRoutes(), { socket: { limits: { sendBuffer: SEND_BUFFER } } });
});
afterAll(async () => {
  await server?.close();
});

const retained = () => {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

describe("slow consumer", () => {
  it("closes a client that stopped reading once its send buffer passes the cap, with memory bounded", async () => {
    const victim = await joinView(server.url, "/load?topic=fine");
    const slow = await joinView(server.url, "/load?topic=slow");
    const serverSide = () => [...server.lagoon.live.wss.clients] as WebSocket[];
    expect(serverSide().length).toBe(2);

    const baseline = retained();
    slow.client.ws.pause(); // stops reading: the kernel buffers fill, then the server's

    let maxBuffered = 0;
    const pubsub = server.lagoon.pubsub;
    for (let i = 0; i < BLASTS && pubsub.localSubscribers("load:slow") > 0; i++) {
      pubsub.broadcast("load:slow", { size: BLOB });
      await new Promise((r) => setImmediate(r));
      for (const ws of serverSide()) maxBuffered = Math.max(maxBuffered, ws.bufferedAmount);
      // the other client's round trips keep working meanwhile
      if (i % 50 === 0) expect((await push(victim, "tick")).status).toBe("ok");
    }
    // what the server still holds for it (queued frames are strings on the heap, or buffers)
    const held = retained() - baseline;
    // the server gave up on it: its view is freed at once
    await until(() => pubsub.localSubscribers("load:slow") === 0, "the slow view to be freed");
    expect(stats.terminated).toContain("load:disconnect");
    // never more than the cap plus the one diff that crossed it (a diff is ~BLOB bytes of JSON)
    expect(maxBuffered).toBeLessThan(SEND_BUFFER + 2 * BLOB);
    expect(maxBuffered).toBeGreaterThan(SEND_BUFFER / 2); // the cap was actually reached
    // memory stays bounded: far below the 50 MiB pushed
    expect(held).toBeLessThan(16 * 1024 * 1024);

    // once it reads again, it finds the close frame behind what was queued
    slow.client.ws.resume();
    expect(await closed(slow.client)).toBe(1008);
    expect(slow.client.closed?.reason).toBe("slow consumer");
    expect((await push(victim, "tick")).status).toBe("ok");
    await victim.client.close();
  });
});
