/** Pooled random ids: base64url of the requested size, never repeated across pool refills. */
import { describe, expect, it } from "vitest";
import { randomId } from "../../shell/random.js";

describe("randomId", () => {
  it("gives distinct base64url ids of the requested size across many pool refills", () => {
    const seen = new Set<string>();
    // 18 bytes each: 227 ids per 4 KiB pool, so this refills the pool ~90 times
    for (let i = 0; i < 20_000; i++) {
      const id = randomId(18);
      expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(20_000);
    expect(randomId(6)).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  it("spreads bytes evenly (no stuck or reused region of the pool)", () => {
    const counts = new Array<number>(64).fill(0);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (let i = 0; i < 4000; i++) for (const ch of randomId(18)) counts[alphabet.indexOf(ch)]!++;
    // 96,000 characters over 64 symbols: 1,500 each on average
    expect(Math.min(...counts)).toBeGreaterThan(1200);
    expect(Math.max(...counts)).toBeLessThan(1800);
  });

  it("refuses more than a pool's worth", () => {
    expect(() => randomId(5000)).toThrow(RangeError);
  });
});
