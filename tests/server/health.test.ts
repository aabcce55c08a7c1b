/**
 * /healthz and /readyz (framework health with the demo's checks), draining live sockets
 * (Listening.drain and drainSockets), SIGTERM on the demo's process, and the /metrics guard.
 */
import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { RedisPubSub } from "../../server/index.js";
import { drainSockets } from "../../server/drain.js";
import { startAppProcess } from "../support/app-process.js";
import { freePort } from "../support/ports.js";
import { ProtocolClient } from "../support/protocol.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import { startServer, type TestServer } from "../support/server.js";
import { joinView, until } from "../hardening/helpers.js";

const json = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as unknown, cache: res.headers.get("cache-control") };
};

describe("health endpoints of the demo", () => {
  let redis: TestRedis;
  let server: TestServer;
  beforeAll(async () => {
    redis = await startRedis();
    server = await startServer({ pubsub: new RedisPubSub(redis.url) });
  });
  afterAll(async () => {
    await server?.close();
    await server?.lagoon.pubsub.close?.();
    await redis?.stop();
  });

  it("answers /healthz while up, and /readyz with its database and Redis checks", async () => {
    expect(await json(`${server.url}/healthz`)).toEqual({ status: 200, body: { status: "ok" }, cache: "no-store" });
    await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, "ready");
    expect(await json(`${server.url}/readyz`)).toEqual({
      status: 200,
      body: { status: "ready", checks: { database: "ok", redis: "ok" } },
      cache: "no-store",
    });
  });

  it("is not ready while Redis is down, still live, and ready again once it is back", async () => {
    await redis.stop();
    await until(async () => (await fetch(`${server.url}/readyz`)).status === 503, "unready");
    expect((await json(`${server.url}/readyz`)).body).toEqual({ status: "unready", checks: { database: "ok", redis: "failed" } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await redis.start();
    await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, "ready again", 20_000);
  }, 30_000);
});

describe("draining", () => {
  it("turns readiness off, refuses new sockets, closes the open ones with 1001, and closes the server", async () => {
    const server = await startServer();
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

describe("SIGTERM on the demo's process", () => {
  it("sends its live clients away with 1001 and exits 0 once they are gone", async () => {
    const port = await freePort();
    const app = await startAppProcess({
      PORT: String(port),
      LAGOON_SECRET: "s".repeat(40),
      LAGOON_DB: ":memory:",
      LAGOON_DRAIN_MS: "5000",
    });
    try {
      const joined = await joinView(app.url, "/counter");
      const exited = new Promise<number | null>((resolve) => app.proc.once("exit", (code) => resolve(code)));
      app.proc.kill("SIGTERM");
      expect(await exited).toBe(0);
      await until(() => joined.client.closed !== undefined, "the client saw the close");
      expect(joined.client.closed).toEqual({ code: 1001, reason: "server draining" });
      await expect(ProtocolClient.connect(app.url, joined.page)).rejects.toThrow();
    } finally {
      await app.kill();
    }
  }, 30_000);
});

describe("/metrics guard", () => {
  it("asks for the bearer token when LAGOON_METRICS_TOKEN is set", async () => {
    const server = await startServer({ metricsToken: "scrape-token-123" });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer scrape-token-123" } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("lagoon_live_connections");
    } finally {
      await server.close();
    }
  });

  it("is closed in production without a token, and open in development", async () => {
    const production = await startServer({ production: true });
    const development = await startServer();
    try {
      expect((await fetch(`${production.url}/metrics`)).status).toBe(403);
      expect((await fetch(`${development.url}/metrics`)).status).toBe(200);
    } finally {
      await production.close();
      await development.close();
    }
  });
});
