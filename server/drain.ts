/**
 * Draining live sockets before a process goes away (a deploy, a scale-down, SIGTERM): each
 * open socket is closed with 1001 (going away) at a random moment within a spread, so its
 * client reconnects (through the load balancer, to another process) while the others stay
 * put; the clients' own jittered backoff (hooks/backoff.ts) spreads them further. A socket
 * still open at the timeout is terminated.
 */
import type { WebSocket } from "ws";

/** Not 1000: the official client reloads the page on a normal close, and reconnects on this one. */
const GOING_AWAY = 1001;

/** How a drain closes the live sockets: spread over time, then a deadline. */
export interface DrainOptions {
  /** Closes are spread over this many ms (default: half the timeout, at most 5 s). */
  readonly spreadMs?: number;
  /** Sockets still open after this many ms are terminated (default 10 s). */
  readonly timeoutMs?: number;
}

/** The default of DrainOptions.timeoutMs: how long a drain waits for sockets to close, in ms. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

/** Resolves once every socket of `clients` is closed. */
export function drainSockets(clients: ReadonlySet<WebSocket>, opts: DrainOptions = {}, random: () => number = Math.random): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const spreadMs = Math.min(opts.spreadMs ?? Math.min(timeoutMs / 2, 5000), timeoutMs);
  const open = new Set(clients);
  if (open.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    for (const ws of open) {
      ws.once("close", () => {
        open.delete(ws);
        if (open.size > 0) return;
        for (const t of timers) clearTimeout(t);
        resolve();
      });
      timers.push(setTimeout(() => ws.close(GOING_AWAY, "server draining"), Math.floor(random() * spreadMs)));
    }
    timers.push(
      setTimeout(() => {
        for (const ws of [...open]) ws.terminate();
      }, timeoutMs),
    );
  });
}
