/** The pure parts of the socket limits: token bucket, per-address counter. */
import { describe, expect, it } from "vitest";
import { AddressCounter, TokenBucket } from "../../server/limits.js";
import { peerAddress } from "../../server/proxy.js";

describe("TokenBucket", () => {
  it("admits a burst, then refills at its rate up to the burst", () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 10 }, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false]);
    expect(bucket.waitMs(0)).toBe(100);
    expect(bucket.take(50)).toBe(false);
    expect(bucket.take(100)).toBe(true);
    // a long pause refills to the burst, not beyond
    expect([1, 2, 3, 4].map(() => bucket.take(60_000))).toEqual([true, true, true, false]);
  });

  it("can be unlimited", () => {
    const bucket = new TokenBucket({ burst: Infinity, perSecond: Infinity }, 0);
    for (let i = 0; i < 100_000; i++) expect(bucket.take(i % 7 === 0 ? i : 0)).toBe(true);
    expect(bucket.waitMs(5)).toBe(0);
    const fast = new TokenBucket({ burst: 2, perSecond: Infinity }, 0);
    expect([fast.take(0), fast.take(0), fast.take(0), fast.take(1)]).toEqual([true, true, false, true]);
  });

  it("takes back a refunded token, never past the burst", () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 10 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, false]);
    bucket.refund();
    expect([bucket.take(0), bucket.take(0)]).toEqual([true, false]);
    for (let i = 0; i < 5; i++) bucket.refund();
    expect([1, 2, 3].map(() => bucket.take(0))).toEqual([true, true, false]);
  });

  it("charges past empty with a debt of at most one burst, which delays the next token", () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 10 }, 0);
    for (let i = 0; i < 10; i++) bucket.charge(0);
    expect(bucket.waitMs(0)).toBe(300); // -2 tokens: 3 tokens to go at 10/s
    expect(bucket.take(299)).toBe(false);
    expect(bucket.take(300)).toBe(true);
  });
});

describe("AddressCounter", () => {
  it("caps connections per address and forgets an address with its last connection", () => {
    const counter = new AddressCounter(2);
    expect([counter.acquire("a"), counter.acquire("a"), counter.acquire("a"), counter.acquire("b")]).toEqual([true, true, false, true]);
    counter.release("a");
    expect(counter.acquire("a")).toBe(true);
    // b's one slot comes back: two more fit, a third does not
    counter.release("b");
    expect([counter.acquire("b"), counter.acquire("b"), counter.acquire("b")]).toEqual([true, true, false]);
    const unlimited = new AddressCounter(Infinity);
    for (let i = 0; i < 10_000; i++) expect(unlimited.acquire("127.0.0.1")).toBe(true);
  });

  it("counts IPv4 clients of a dual-stack server under their IPv4 address", () => {
    expect(peerAddress("::ffff:127.0.0.2")).toBe("127.0.0.2");
    expect(peerAddress("::1")).toBe("::1");
    expect(peerAddress(undefined)).toBe("unknown");
  });
});
