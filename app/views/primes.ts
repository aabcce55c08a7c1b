import { z } from "zod";
import { AsyncResult, defineView, event, html } from "lagoon";
import type { WorkPool } from "../work/pool.js";
import { MAX_LIMIT } from "../work/primes.js";

const Count = z.object({ limit: z.coerce.number().int().min(2).max(MAX_LIMIT) });

type PrimesAssigns = { limit: number; primes: AsyncResult<number> | null; pageTitle: string };

/** CPU-heavy work off the event loop: the count runs in the worker pool, the page stays live. */
export function primesLive(pool: WorkPool) {
  return defineView<PrimesAssigns>({
    name: "PrimesLive",
    mount(_p, _s, socket) {
      socket.assign({ limit: 30_000_000, primes: null, pageTitle: "Primes" });
    },
    events: {
      count: event(Count, ({ limit }, socket) => {
        socket.assign({ limit });
        socket.assignAsync("primes", async (signal) => ({ primes: await pool.countPrimes(limit, signal) }));
      }),
      cancel: (_p, socket) => {
        socket.cancelAsync("primes", "cancelled");
      },
    },
    render: (a) => html`<main>
  <h1>Counting primes</h1>
  <p>The count runs in a worker thread: try the counter in another tab meanwhile.</p>
  <form id="primes-form" phx-submit="count">
    <label for="limit">Count primes up to</label>
    <input id="limit" name="limit" type="number" min="2" max=${String(MAX_LIMIT)} value=${String(a.limit)}>
    <button type="submit">Count</button>
    ${a.primes?.loading ? html`<button type="button" phx-click="cancel">Cancel</button>` : ""}
  </form>
  <p id="primes-result" role="status">${
    a.primes === null
      ? ""
      : a.primes.loading
        ? html`<span class="spinner" aria-hidden="true"></span>Counting…`
        : a.primes.ok
          ? html`There are ${a.primes.result!.toLocaleString("en-US")} primes up to ${a.limit.toLocaleString("en-US")}.`
          : html`Stopped: ${String(a.primes.failed)}`
  }</p>
</main>`,
  });
}
