/**
 * Async work of a view and its components (Phoenix's async.ex): `startAsync` and
 * `assignAsync` run a function outside the view's mailbox; its outcome comes back as a
 * message, in order with every other one, so it never interleaves with an event. Work
 * starts only on connected views (the HTTP render shows the loading state) and is aborted
 * when its owner goes away or the same name starts again.
 */
import { AsyncResult } from "./async-result.js";
import { LagoonError } from "./errors.js";
import type { ViewProcessCore } from "./internal.js";
import { assignAsyncKeys, ComponentSocketImpl, type SocketBase } from "./socket.js";
import type { AsyncOutcome, AsyncResult as AsyncResultType } from "./types.js";

/** The key of `owner`'s task `name`: the view's start with "v:", a component's with "c<cid>:". */
export function taskKey(owner: SocketBase<any>, name: string): string {
  return (owner instanceof ComponentSocketImpl ? `c${owner.myself}:` : "v:") + name;
}

/** Starts `owner`'s task on a connected, live view; its outcome is applied in the mailbox. */
export function startTask(
  proc: ViewProcessCore,
  owner: SocketBase<any>,
  name: string,
  fn: (signal: AbortSignal) => Promise<unknown>,
): void {
  if (!proc.connected || !proc.alive) return;
  proc.tasks().start(taskKey(owner, name), fn, (outcome, current) => {
    if (!proc.alive) return;
    void proc.enqueue(null, "async", async () => {
      if (current()) await applyOutcome(proc, owner, name, outcome);
    });
  });
}

/** Aborts `owner`'s task; as in Phoenix the cancellation is its outcome (handleAsync, or a failed AsyncResult). */
export function cancelTask(proc: ViewProcessCore, owner: SocketBase<any>, name: string, reason?: unknown): void {
  if (!proc.existingTasks()?.cancel(taskKey(owner, name), reason)) return;
  const error = reason ?? new Error("cancelled");
  void proc.enqueue(null, "async", () => applyOutcome(proc, owner, name, { ok: false, error }));
}

async function applyOutcome(proc: ViewProcessCore, owner: SocketBase<any>, name: string, outcome: AsyncOutcome): Promise<void> {
  const entry = owner instanceof ComponentSocketImpl ? proc.existingComponents()?.get(owner.myself) : undefined;
  if (owner instanceof ComponentSocketImpl && entry?.socket !== owner) return;
  const keys = assignAsyncKeys(name);
  if (keys) {
    for (const key of keys) {
      const previous = owner.assigns[key] as AsyncResultType<unknown> | undefined;
      if (!outcome.ok) {
        owner.assign(key, AsyncResult.failed(outcome.error, previous));
        continue;
      }
      const value = outcome.value as Record<string, unknown> | null;
      owner.assign(
        key,
        typeof value === "object" && value !== null && key in value
          ? AsyncResult.ok(value[key])
          : AsyncResult.failed(new LagoonError("async_missing_key", `assignAsync result has no key "${key}"`), previous),
      );
    }
  } else if (entry) {
    await entry.def.handleAsync?.(name, outcome, entry.socket);
  } else {
    await proc.route.view.handleAsync?.(name, outcome, proc.socket);
  }
  if (entry) proc.components().touch(entry);
  await proc.finish(null, undefined);
}
