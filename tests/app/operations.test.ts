/**
 * What the demo's operators rely on: its readiness checks (database, Redis), SIGTERM on
 * its process (app/main.ts drains), and the guard on its /metrics (app/metrics-guard.ts).
 */
import { describe, expect, it } from "vitest";
import { RedisPubSub } from "lagoon/server";
import { startAppProcess } from "../support/app-process.js";
import { freePort } from "../support/ports.js";
import { ProtocolClient, joinView } from "../support/protocol.js";
import { startRedis } from "../support/redis.js";
import { startServer } from "../support/server.js";
import { until } from "../support/until.js";

describe("the demo's readiness", () => {
  it("checks its database and its Redis on /readyz", async () => {
    const redis = await startRedis();
    const server = await startServer({ pubsub: new RedisPubSub(redis.url) });
    try {
      await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, "ready");
      const res = await fetch(`${server.url}/readyz`);
      expect(await res.json()).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
    } finally {
      await server.close();
      await server.lagoon.pubsub.close?.();
      await redis.stop();
    }
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
