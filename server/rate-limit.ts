/**
 * Rate limits for HTTP routes and live events: at most `limit` hits per key within
 * `windowMs` (a fixed window per key), counted in memory or in Redis when several
 * processes must share the count.
 *
 *   const logins = rateLimit({ limit: 5, windowMs: 15 * 60_000 });
 *   app.post("/login", logins.middleware((c) => lagoon.clientAddress(c)), handler);
 *   // in an event handler
 *   const r = await logins.hit(`account:${email}`);
 *   if (!r.ok) throw new EventRejected("rate_limited", `Too many attempts; try again in ${r.retryAfter} s`);
 */
import type { MiddlewareHandler } from "hono";
import type { Redis } from "ioredis";

/** What counting a hit decided. */
export interface RateLimitResult {
  /** Within the limit: go on. */
  readonly ok: boolean;
  /** Hits left in this window. */
  readonly remaining: number;
  /** Seconds until the window resets (what Retry-After says). */
  readonly retryAfter: number;
}

/** Where hits are counted: `hit` adds one to `key`'s current window and says how many it holds. */
export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

/** Counts in this process, forgetting windows that ended. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resets: number }>();
  #sweptAt = 0;

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const now = Date.now();
    if (now - this.#sweptAt > windowMs) this.#sweep(now);
    let w = this.#windows.get(key);
    if (!w || w.resets <= now) this.#windows.set(key, (w = { count: 0, resets: now + windowMs }));
    w.count++;
    return { count: w.count, resetMs: w.resets - now };
  }

  #sweep(now: number): void {
    this.#sweptAt = now;
    for (const [key, w] of this.#windows) if (w.resets <= now) this.#windows.delete(key);
  }
}

/** Counts in Redis (INCR with an expiry), shared by every process using it. */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix = "lagoon:rate:") {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const k = this.#prefix + key;
    const [[, count], , [, ttl]] = (await this.#redis.multi().incr(k).pexpire(k, windowMs, "NX").pttl(k).exec()) as [
      [unknown, number],
      [unknown, number],
      [unknown, number],
    ];
    return { count, resetMs: Math.max(0, ttl) };
  }
}

/** Options of `rateLimit`: `limit` hits per key within each window of `windowMs`. */
export interface RateLimitOptions {
  /** Hits allowed per key in one window. */
  readonly limit: number;
  /** The window's length in ms; a key's window starts at its first hit. */
  readonly windowMs: number;
  /** Default: in memory. */
  readonly store?: RateLimitStore;
}

/** A rate limit (`rateLimit`), for events (`hit`) and HTTP routes (`middleware`). */
export interface RateLimiter {
  /** Counts a hit for `key` (an address, an account...) and says whether it is within the limit. */
  hit(key: string): Promise<RateLimitResult>;
  /** Hono middleware: past the limit, 429 with Retry-After, and the handler does not run. */
  middleware(key: (c: Parameters<MiddlewareHandler>[0]) => string): MiddlewareHandler;
}

/** Makes a rate limit; see the module comment. Throws on a limit or window that is not positive. */
export function rateLimit(opts: RateLimitOptions): RateLimiter {
  if (!(opts.limit > 0) || !(opts.windowMs > 0)) throw new RangeError("rateLimit needs a positive limit and windowMs");
  const store = opts.store ?? new MemoryRateLimitStore();
  const hit = async (key: string): Promise<RateLimitResult> => {
    // keys come from requests: bounded, so no client can grow the store with one huge key
    const { count, resetMs } = await store.hit(key.slice(0, 256), opts.windowMs);
    return { ok: count <= opts.limit, remaining: Math.max(0, opts.limit - count), retryAfter: Math.ceil(resetMs / 1000) };
  };
  return {
    hit,
    middleware: (key) => async (c, next) => {
      const result = await hit(key(c));
      if (!result.ok) return c.text("Too many requests; try again later.", 429, { "Retry-After": String(result.retryAfter) });
      await next();
    },
  };
}
