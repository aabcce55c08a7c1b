/**
 * The demo's rate limits (Lagoon's rateLimit, in memory per server): log-in attempts per
 * client address and failed ones per account, registrations per address. Each server gets
 * its own counters.
 */
import { rateLimit, type RateLimiter } from "lagoon/server";

export interface DemoLimits {
  /** Every log-in attempt (the live check and the form post), per client address. */
  readonly loginsPerAddress: RateLimiter;
  /** Failed log-ins per account: guessing one account's password stops here. */
  readonly failuresPerAccount: RateLimiter;
  /** New accounts per client address. */
  readonly registrationsPerAddress: RateLimiter;
}

export function demoLimits(): DemoLimits {
  return {
    loginsPerAddress: rateLimit({ limit: 30, windowMs: 60_000 }),
    failuresPerAccount: rateLimit({ limit: 10, windowMs: 15 * 60_000 }),
    registrationsPerAddress: rateLimit({ limit: 10, windowMs: 60 * 60_000 }),
  };
}

/** The message a refused attempt shows. */
export const tooMany = (retryAfter: number) => `Too many attempts; try again in ${retryAfter} s.`;
