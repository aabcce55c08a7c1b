/**
 * Reconnect and rejoin delays with jitter. Phoenix's defaults are fixed steps
 * (reconnect 10, 50, 100 ... 5000 ms; rejoin 1, 2, 5, 10 s), so every client of a restarted
 * server comes back in the same few milliseconds. Here each delay is drawn at random
 * between 10% and 100% of its step ("full jitter", with a floor so nobody retries at once).
 */

/** Steps by attempt, in ms; attempts past the end keep the last step. */
export const RECONNECT_STEPS: readonly number[] = [1000, 2000, 5000, 10_000];
export const REJOIN_STEPS: readonly number[] = [1000, 2000, 5000, 10_000];

const FLOOR = 0.1;

/** `tries` counts from 1, as phoenix's Timer calls it. */
export function jitteredBackoff(steps: readonly number[], random: () => number = Math.random): (tries: number) => number {
  return (tries) => {
    const step = steps[Math.min(Math.max(tries, 1), steps.length) - 1]!;
    return Math.round(step * (FLOOR + (1 - FLOOR) * random()));
  };
}
