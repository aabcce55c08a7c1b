/**
 * /healthz and /readyz (the app's readiness checks, Redis's among them) and draining live
 * sockets (Listening.drain and drainSockets), on fixture views.
 */
import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { RedisPubSub } from "../../server/index.js";
import { drainSockets } from "../../server/drain.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import { counterRoutes } from "../support/views/counter.js";
import { joinView } from "../support/protocol.js";
import { until } from "../support/until.js";

const json = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as unknown, cache: res.headers.get("cache-control") };
};

describe("health endpoints", () => {
  let redis: TestRedis;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  beforeAll(async () => {
    redis = await startRedis();
    const pubsub = new RedisPubSub(redis.url);
    server = await startFixtureServer(counterRoutes(), { pubsub });
    // the checks an app registers: its store (here always up) and its Redis
    server.lagoon.health.check("store", () => {});
    server.lagoon.health.check("redis", () => pubsub.reachable());
  });
  afterAll(async () => {
    await server?.close();
    await server?.lagoon.pubsub.close?.();
    await redis?.stop();
  });

  it("answers /healthz while up, and /readyz with each check's outcome", async () => {
    expect(await json(`${server.url}/healthz`)).toEqual({ status: 200, body: { status: "ok" }, cache: "no-store" });
    await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, "ready");
    expect(await json(`${server.url}/readyz`)).toEqual({
      status: 200,
      body: { status: "ready", checks: { store: "ok", redis: "ok" } },
      cache: "no-store",
    });
  });

  it("is not ready while Redis is down, still live, and ready again once it is back", async () => {
    await redis.stop();
    await until(async () => (await fetch(`${server.url}/readyz`)).status === 503, "unready");
    expect((await json(`${server.url}/readyz`)).body).toEqual({ status: "unready", checks: { store: "ok", redis: "failed" } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await redis.start();
    await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, "ready again", 20_000);
  }, 30_000);
});

describe("draining", () => {
  it("turns readiness off, refuses new sockets, closes the open ones with 1001, and closes the server", async () => {
    const server = await startFixtureServer(counterRoutes());
    const a = await joinView(server.url, "/counter");
    const b = await joinView(server.url, "/counter");
    const drained = server.drain({ timeoutMs: 5000, spreadMs: 300 });
    expect((await server.lagoon.health.readiness()).draining).toBe(true);
    expect((await server.lagoon.health.readiness()).ready).toBe(false);
    await drained;
    for (const j of [a, b]) expect(j.client.closed).toEqual({ code: 1001, reason: "server draining" });
    // the port no longer answers
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await server.close().catch(() => {});
  });

  it("spreads the closes over the spread, and terminates sockets that never finish closing at the timeout", async () => {
    const events: string[] = [];
    const sockets = ["a", "b", "c"].map((name) => {
      const ws = new EventEmitter() as EventEmitter & Pick<WebSocket, "close" | "terminate">;
      // "c" never completes its closing handshake
      ws.close = ((code: number) => {
        events.push(`close ${name} ${code}`);
        if (name !== "c") setImmediate(() => ws.emit("close"));
      }) as WebSocket["close"];
      ws.terminate = () => {
        events.push(`terminate ${name}`);
        ws.emit("close");
      };
      return ws as unknown as WebSocket;
    });
    const randoms = [0.9, 0.1, 0.5];
    await drainSockets(new Set(sockets), { spreadMs: 100, timeoutMs: 400 }, () => randoms.shift()!);
    // closed in the order their random moments fall, then the straggler is terminated
    expect(events).toEqual(["close b 1001", "close c 1001", "close a 1001", "terminate c"]);
  });
});
