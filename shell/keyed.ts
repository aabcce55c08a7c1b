/**
 * Keyed lists: `each(items, key, render)` and the move-aware diff of its entries.
 *
 * A plain list is diffed by position: prepending one row changes every row after it. With
 * `each`, entry state is kept per key, so an unchanged row that moved is sent as its old
 * index, a moved and changed row as `[oldIndex, diff]`, and only new keys are sent whole
 * (the 1.1+/1.2 client's keyed comprehension, rendered.js `mergeKeyed`; docs/protocol.md §4.6).
 * This module knows nothing of templates' insides: diff.ts supplies the per-entry diff.
 */
import { TemplateError } from "./errors.js";
import { KEYED, KEYED_COUNT, KEYED_MOVED } from "./wire.js";

const EACH = Symbol.for("lagoon.each");

export type Key = string | number;

/** A keyed list placed in a template: the rendered entries and their keys, in order. */
export interface Each {
  readonly [EACH]: true;
  readonly keys: readonly Key[];
  /** `render(item, index)` of each item: usually `html` templates of one call site. */
  readonly entries: readonly unknown[];
}

/**
 * A list whose entries the diff follows by key, so inserts, removals and moves send only
 * what changed (and the client's DOM nodes follow their rows when the entries carry ids).
 * Keys are strings or numbers (`1` and `"1"` differ) and must be unique in the list.
 */
export function each<T>(items: Iterable<T>, key: (item: T, index: number) => Key, render: (item: T, index: number) => unknown): Each {
  const keys: Key[] = [];
  const entries: unknown[] = [];
  const seen = new Set<Key>();
  let i = 0;
  for (const item of items) {
    const k = key(item, i);
    if (typeof k !== "string" && typeof k !== "number") {
      throw new TemplateError(`each(): keys must be strings or numbers, got ${k === null ? "null" : typeof k} for the item at index ${i}`);
    }
    if (seen.has(k)) throw new TemplateError(`each(): found duplicate key ${JSON.stringify(k)} in the list (at index ${i})`);
    seen.add(k);
    keys.push(k);
    entries.push(render(item, i));
    i++;
  }
  return { [EACH]: true, keys, entries };
}

export function isEach(value: unknown): value is Each {
  return typeof value === "object" && value !== null && (value as Each)[EACH] === true;
}

/** The previous render's entries: each entry's state (`E`, owned by diff.ts) and, for `each`, where each key sat. */
export interface Entries<E> {
  /** Absent for plain lists, whose keys are their positions. */
  readonly index?: ReadonlyMap<Key, number>;
  readonly e: readonly E[];
}

/** One entry's diff against its key's previous state (`undefined`: a new key, render it whole). */
export type EntryDiff<E> = (i: number, prev: E | undefined) => { diff: Record<string, unknown> | undefined; state: E };

/**
 * Diffs `n` entries against the previous render of the same statics: by key when `keys`
 * are given, else by position (as Phoenix does for a `:for` without `:key`, which never
 * moves). Returns the slot's wire value (`undefined` when nothing changed) and the new
 * entries. Old indexes name positions in the client's tree before this diff: it clones
 * that tree first when `km` is set, and only then (the 1.2 client throws on a move without `km`).
 */
export function diffEntries<E>(
  keys: readonly Key[] | null,
  n: number,
  prev: Entries<E>,
  entry: EntryDiff<E>,
): { wire: Record<string, unknown> | undefined; entries: Entries<E> } {
  const index = keys ? new Map<Key, number>() : undefined;
  const e = new Array<E>(n);
  const keyed: Record<string, unknown> = {};
  let changed = false;
  let moved = false;
  for (let i = 0; i < n; i++) {
    let from: number | undefined = i < prev.e.length ? i : undefined;
    if (keys) {
      index!.set(keys[i]!, i);
      from = prev.index?.get(keys[i]!);
    }
    const r = entry(i, from === undefined ? undefined : prev.e[from]);
    e[i] = r.state;
    if (from === undefined) {
      keyed[i] = r.diff ?? {};
      changed = true;
    } else if (from !== i) {
      keyed[i] = r.diff === undefined ? from : [from, r.diff];
      changed = moved = true;
    } else if (r.diff !== undefined) {
      keyed[i] = r.diff;
      changed = true;
    }
  }
  const entries = index ? { index, e } : { e };
  if (!changed && n === prev.e.length) return { wire: undefined, entries };
  keyed[KEYED_COUNT] = n;
  if (moved) keyed[KEYED_MOVED] = true;
  return { wire: { [KEYED]: keyed }, entries };
}
