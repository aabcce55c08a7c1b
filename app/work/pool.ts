/**
 * The worker pool for CPU-heavy work (piscina). A view hands work to it from startAsync or
 * assignAsync and passes the AbortSignal along, so the task is dropped when the view ends
 * or cancels; the server's event loop keeps answering every other view meanwhile.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";

export interface WorkPool {
  countPrimes(limit: number, signal?: AbortSignal): Promise<number>;
  close(): Promise<void>;
}

export function createWorkPool(opts: { maxThreads?: number } = {}): WorkPool {
  // compiled (npm start) the worker is JavaScript beside this module; from sources it is
  // TypeScript, which the workers load through tsx like the server does, under any runner
  const compiled = import.meta.url.endsWith(".js");
  const pool = new Piscina({
    filename: new URL(compiled ? "./primes-worker.js" : "./primes-worker.ts", import.meta.url).href,
    execArgv: compiled ? [] : ["--import", "tsx"],
    maxThreads: opts.maxThreads ?? Math.max(1, availableParallelism() - 1),
    minThreads: 0, // threads start with the first task, not with the server
    idleTimeout: 30_000,
  });
  return {
    countPrimes: (limit, signal) => pool.run({ limit }, { signal }) as Promise<number>,
    close: () => pool.destroy(),
  };
}
