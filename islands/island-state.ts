/**
 * An island's state as it crosses the wire, and how its streams change. The server sends
 * state messages on the island's event (`island:<id>`, beside commands) in the diff frame:
 * JSON, dispatched by the client once it patched the DOM. The HTTP render puts the first
 * state in the page once, in a script element in the island's root.
 *
 * Browser-safe: the hook (hooks/island-props.ts) and the test client read it.
 */
import type { Op } from "./props-patch.js";
import type { Json } from "./wire-values.js";

/** One stream insert: the item's DOM id, where it goes, how many to keep, update only, and the item. */
export type StreamInsertOp = readonly [domId: string, at: number, limit: number | null, updateOnly: boolean, item: Json];
/** What one render did to a stream: reset first, then deletes, then inserts (as the client does for a stream in the DOM). */
export type StreamOps = readonly [reset: boolean, inserts: readonly StreamInsertOp[], deletes: readonly string[]];

export interface StateMessage {
  /** The whole props, encoded: a new island, a rejoin. */
  readonly P?: Json;
  /** A diff of the props. */
  readonly p?: readonly Op[];
  /** Stream operations, by stream name. */
  readonly s?: Readonly<Record<string, StreamOps>>;
}

/** A command message (pushCommand) carries `command`; a state message never does. */
export function isStateMessage(value: unknown): value is StateMessage {
  return typeof value === "object" && value !== null && !("command" in value);
}

/** An item a stream holds: its DOM id and its encoded value. */
export interface StreamEntry {
  readonly domId: string;
  readonly item: Json;
}

/**
 * Applies one render's operations to a stream's entries, as the client does to a stream
 * container's children: an existing item is updated in place (moved only on a reset); a new
 * one goes at `at` (-1 appends, 0 prepends, n before the item at index n); `limit` keeps the
 * first n (or the last -n). An update-only insert of an item not there does nothing. Entries
 * whose item is unchanged (same JSON) are kept as they were, so their decoded item is too.
 */
export function applyStream(entries: readonly StreamEntry[], [reset, inserts, deletes]: StreamOps): StreamEntry[] {
  const before = new Map(entries.map((e) => [e.domId, e]));
  let list = reset ? [] : entries.slice();
  if (deletes.length) {
    const gone = new Set(deletes);
    list = list.filter((e) => !gone.has(e.domId));
  }
  for (const [domId, at, limit, updateOnly, item] of inserts) {
    const i = list.findIndex((e) => e.domId === domId);
    const old = before.get(domId);
    const entry = old && JSON.stringify(old.item) === JSON.stringify(item) ? old : { domId, item };
    if (i !== -1) list[i] = entry;
    else if (updateOnly) continue;
    else if (at === -1 || at >= list.length) list.push(entry);
    else list.splice(Math.max(0, at), 0, entry);
    if (limit !== null && limit < 0 && list.length > -limit) list = list.slice(list.length + limit);
    else if (limit !== null && limit >= 0 && list.length > limit) list = list.slice(0, limit);
  }
  return list;
}
