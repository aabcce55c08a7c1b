/** rateLimit in memory and in a real Redis: the limit per key and window, Retry-After, middleware. */
import { Hono } from "hono";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryRateLimitStore, rateLimit, RedisRateLimitStore, type RateLimitStore } from "../../server/rate-limit.js";
import { startRedis, type TestRedis } from "../support/redis.js";

let redis: TestRedis;
let client: Redis;
beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

function cases(name: string, store: () => RateLimitStore) {
  describe(`rateLimit on ${name}`, () => {
    it("lets `limit` hits per key through in a window, then says how long to wait", async () => {
      const limiter = rateLimit({ limit: 3, windowMs: 60_000, store: store() });
      const key = `k-${Math.random()}`;
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await limiter.hit(key));
      expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
      expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
      expect(results[3]!.retryAfter).toBeGreaterThan(50);
      expect(results[3]!.retryAfter).toBeLessThanOrEqual(60);
      expect((await limiter.hit(`${key}-other`)).ok).toBe(true);
    });

    it("starts a new window once the old one ends", async () => {
      const limiter = rateLimit({ limit: 1, windowMs: 150, store: store() });
      const key = `w-${Math.random()}`;
      expect((await limiter.hit(key)).ok).toBe(true);
      expect((await limiter.hit(key)).ok).toBe(false);
      await new Promise((r) => setTimeout(r, 250));
      expect((await limiter.hit(key)).ok).toBe(true);
    });
  });
}

cases("memory", () => new MemoryRateLimitStore());
cases("Redis", () => new RedisRateLimitStore(client, `test:${Math.random()}:`));

describe("rateLimit middleware", () => {
  it("answers 429 with Retry-After past the limit, and the handler does not run", async () => {
    let ran = 0;
    const app = new Hono();
    app.post(
      "/x",
      rateLimit({ limit: 2, windowMs: 60_000 }).middleware(() => "one"),
      (c) => (ran++, c.text("ok")),
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request("/x", { method: "POST" })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(ran).toBe(2);
    expect((await app.request("/x", { method: "POST" })).headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("bounds keys, so a client cannot grow the store with huge ones", async () => {
    const limiter = rateLimit({ limit: 1, windowMs: 60_000 });
    expect((await limiter.hit("x".repeat(10_000))).ok).toBe(true);
    expect((await limiter.hit("x".repeat(20_000))).ok).toBe(false);
  });
});
