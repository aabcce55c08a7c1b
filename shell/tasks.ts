/** Running async work of one view, each under a key, abortable (async.ts starts and applies it). */
import type { AsyncOutcome } from "./types.js";

/**
 * The running tasks of one view, by key (`<owner prefix><name>`). `settle` receives an
 * outcome with `current()`, true (once) if the task is still the one under its key.
 */
export class AsyncTasks {
  readonly #running = new Map<string, AbortController>();

  /** Starts `fn` under `key`, aborting what ran there; `settle` gets its outcome unless it was aborted since. */
  start(key: string, fn: (signal: AbortSignal) => Promise<unknown>, settle: (outcome: AsyncOutcome, current: () => boolean) => void): void {
    this.#running.get(key)?.abort();
    const ctrl = new AbortController();
    this.#running.set(key, ctrl);
    const current = () => {
      if (ctrl.signal.aborted || this.#running.get(key) !== ctrl) return false;
      this.#running.delete(key);
      return true;
    };
    const done = (outcome: AsyncOutcome) => {
      if (!ctrl.signal.aborted) settle(outcome, current);
    };
    Promise.resolve()
      .then(() => fn(ctrl.signal))
      .then(
        (value) => done({ ok: true, value }),
        (error: unknown) => done({ ok: false, error }),
      );
  }

  /** Aborts the task under `key`; true if one was running. */
  cancel(key: string, reason?: unknown): boolean {
    const ctrl = this.#running.get(key);
    if (!ctrl) return false;
    ctrl.abort(reason);
    this.#running.delete(key);
    return true;
  }

  /** Aborts every task whose key starts with `prefix` (a component that went away). */
  cancelAll(prefix = ""): void {
    for (const [key, ctrl] of this.#running) {
      if (!key.startsWith(prefix)) continue;
      ctrl.abort();
      this.#running.delete(key);
    }
  }
}
