/**
 * Every PubSub adapter behaves the same: the in-process one, and Redis (a real
 * redis-server) with two adapters standing for two processes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryPubSub, type PubSub, type ViewHandle } from "../../shell/index.js";
import { RedisPubSub } from "../../server/index.js";
import { startRedis, type TestRedis } from "../support/redis.js";

function inbox(id: string): ViewHandle & { got: unknown[] } {
  const got: unknown[] = [];
  return { id, alive: true, got, send: (m) => (got.push(m), true) };
}

const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

interface Pair {
  /** Two adapters as two processes would hold them (the same one for in-process). */
  a: PubSub;
  b: PubSub;
  close(): Promise<void>;
}

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const adapters: [string, () => Promise<Pair>][] = [
  [
    "MemoryPubSub",
    async () => {
      const p = new MemoryPubSub();
      return { a: p, b: p, close: async () => {} };
    },
  ],
  [
    "RedisPubSub",
    async () => {
      const stream = `test:${Math.random()}`;
      const a = new RedisPubSub(redis.url, { stream });
      const b = new RedisPubSub(redis.url, { stream });
      await Promise.all([a.ready(), b.ready()]);
      await settle(); // both readers positioned at the stream's end
      return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
    },
  ],
];

describe.each(adapters)("%s", (_name, make) => {
  it("delivers to subscribers of the topic in every process, and only them", async () => {
    const { a, b, close } = await make();
    const here = inbox("here");
    const there = inbox("there");
    const other = inbox("other");
    a.subscribe("room:1", here);
    b.subscribe("room:1", there);
    b.subscribe("room:2", other);
    a.broadcast("room:1", { text: "hi" });
    await settle();
    expect(here.got).toEqual([{ text: "hi" }]);
    expect(there.got).toEqual([{ text: "hi" }]);
    expect(other.got).toEqual([]);
    await close();
  });

  it("skips the sender for broadcastFrom, and stops after unsubscribe", async () => {
    const { a, b, close } = await make();
    const me = inbox("me");
    const you = inbox("you");
    a.subscribe("t", me);
    const off = b.subscribe("t", you);
    a.broadcast("t", 1, me);
    await settle();
    expect(me.got).toEqual([]);
    expect(you.got).toEqual([1]);
    off();
    a.broadcast("t", 2);
    await settle();
    expect(you.got).toEqual([1]);
    expect(b.localSubscribers("t")).toBe(a === b ? 1 : 0);
    await close();
  });

  it("sends plain data: no class revival, no prototype pollution", async () => {
    const { a, b, close } = await make();
    const you = inbox("you");
    b.subscribe("t", you);
    class Secret {
      x = 1;
    }
    a.broadcast("t", JSON.parse('{"__proto__": {"polluted": true}, "y": 2}'));
    a.broadcast("t", { when: new Date(0), s: new Secret() });
    await settle();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const last = you.got.at(-1) as Record<string, unknown>;
    if (a !== b) {
      // across processes only JSON survives
      expect(last).toEqual({ when: "1970-01-01T00:00:00.000Z", s: { x: 1 } });
      expect(Object.getPrototypeOf(last.s)).toBe(Object.prototype);
    }
    await close();
  });

  it("refuses empty and oversized topic names", async () => {
    const { a, close } = await make();
    expect(() => a.broadcast("", 1)).toThrow();
    expect(() => a.broadcast("x".repeat(257), 1)).toThrow();
    expect(() => a.subscribe("x".repeat(257), inbox("z"))).toThrow();
    await close();
  });
});

describe("RedisPubSub when Redis goes away", () => {
  it("keeps local delivery during the outage and loses no broadcast after Redis returns", async () => {
    const stream = `outage:${Math.random()}`;
    const a = new RedisPubSub(redis.url, { stream, onError: () => {} });
    const b = new RedisPubSub(redis.url, { stream, onError: () => {} });
    await Promise.all([a.ready(), b.ready()]);
    await settle();
    const local = inbox("local");
    const remote = inbox("remote");
    a.subscribe("t", local);
    b.subscribe("t", remote);
    a.broadcast("t", "before");
    await expect.poll(() => remote.got).toEqual(["before"]);

    await redis.stop();
    a.broadcast("t", "during");
    expect(local.got).toEqual(["before", "during"]); // at once, without Redis
    await settle(2000);
    await redis.start();
    a.broadcast("t", "after 1");
    b.broadcast("t", "after 2");
    for (let i = 0; i < 20; i++) a.broadcast("t", i);
    await expect.poll(() => remote.got.length, { timeout: 15_000 }).toBe(24);
    // b's own broadcast reaches b's subscriber at once; a's arrive through Redis, in order
    expect(remote.got.filter((m) => m !== "after 2")).toEqual(["before", "during", "after 1", ...Array.from({ length: 20 }, (_, i) => i)]);
    expect(remote.got).toContain("after 2");
    await expect.poll(() => local.got.length, { timeout: 15_000 }).toBe(24);
    await Promise.all([a.close(), b.close()]);
  }, 30_000);
});
