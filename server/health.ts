/**
 * Health for load balancers and orchestrators: `/healthz` says the process is up (it
 * answers), `/readyz` whether it should get traffic: every registered check passes (the
 * app's database, Redis...) and the server is not draining. A deploy or SIGTERM drains
 * (listen.ts): readiness turns false first, so the balancer sends new users elsewhere.
 *
 *   lagoon.health.check("database", () => db.ping());
 *
 * The answers say only which check failed; the error itself goes to the server's log.
 */
import type { Context } from "hono";

/** Resolves when healthy; throws (or rejects) with the reason otherwise. */
export type HealthCheck = () => unknown;

/** What `readiness()` resolves with (/readyz answers from it): ready when not draining and every check passed. */
export interface Readiness {
  readonly ready: boolean;
  /** The server is going away (drain). */
  readonly draining: boolean;
  /** Each check's outcome by name. */
  readonly checks: Readonly<Record<string, "ok" | "failed">>;
}

/** A check that has not answered by then failed: a hung database must not hang readiness. */
const CHECK_TIMEOUT_MS = 2000;

/** Liveness and readiness of a Lagoon (`lagoon.health`): register readiness checks with `check`. */
export class Health {
  readonly #checks = new Map<string, HealthCheck>();
  #draining = false;

  /** Adds a readiness check under `name` (replacing one of that name); returns its removal. */
  check(name: string, fn: HealthCheck): () => void {
    this.#checks.set(name, fn);
    return () => {
      if (this.#checks.get(name) === fn) this.#checks.delete(name);
    };
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** From now on the server is not ready: it is going away. */
  drain(): void {
    this.#draining = true;
  }

  async readiness(): Promise<Readiness> {
    const entries = await Promise.all(
      [...this.#checks].map(async ([name, fn]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            Promise.resolve().then(fn),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
            }),
          ]);
          return [name, "ok"] as const;
        } catch (error) {
          console.error(`[lagoon] readiness check "${name}" failed:`, error instanceof Error ? error.message : error);
          return [name, "failed"] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: !this.#draining && entries.every(([, outcome]) => outcome === "ok"), draining: this.#draining, checks };
  }

  /** GET /healthz: 200 while the process answers at all. */
  liveness(): (c: Context) => Response {
    return (c) => c.json({ status: "ok" }, 200, { "Cache-Control": "no-store" });
  }

  /** GET /readyz: 200 when ready, 503 otherwise, with each check's outcome. */
  readinessRoute(): (c: Context) => Promise<Response> {
    return async (c) => {
      const r = await this.readiness();
      const status = r.ready ? "ready" : r.draining ? "draining" : "unready";
      return c.json({ status, checks: r.checks }, r.ready ? 200 : 503, { "Cache-Control": "no-store" });
    };
  }
}
