/**
 * The client's two messages about live components that left its DOM (Phoenix's
 * cids_will_destroy and cids_destroyed): the first marks them, the second forgets those
 * still gone, with their async tasks and uploads, and answers which ones it forgot.
 */
import type { ViewProcessCore } from "./internal.js";

export async function componentsWillDestroy(proc: ViewProcessCore, cids: unknown, ref: string): Promise<void> {
  proc.span.event = "cids_will_destroy";
  proc.existingComponents()?.willDestroy(asCids(cids));
  proc.reply(ref, { status: "ok", response: {} });
}

export async function componentsDestroyed(proc: ViewProcessCore, cids: unknown, ref: string): Promise<void> {
  proc.span.event = "cids_destroyed";
  const gone = proc.existingComponents()?.destroyed(asCids(cids)) ?? [];
  for (const entry of gone) {
    proc.existingTasks()?.cancelAll(`c${entry.cid}:`);
    proc.existingUploads()?.forgetComponent(entry.cid);
  }
  proc.reply(ref, { status: "ok", response: { cids: gone.map((e) => e.cid) } });
}

function asCids(cids: unknown): number[] {
  return Array.isArray(cids) ? cids.filter((c): c is number => Number.isInteger(c)).slice(0, 10_000) : [];
}
