/**
 * Keyed lists: `each(items, key, render)` and the move-aware diff of its entries.
 *
 * A plain list is diffed by position: prepending one row changes every row after it. With
 * `each`, entry state is kept per key, so an unchanged row that moved is sent as its old
 * index, a moved and changed row as `[oldIndex, diff]`, and only new keys are sent whole
 * (the 1.1+/1.2 client's keyed comprehension, rendered.js `mergeKeyed`; docs/protocol.md §4.6).
 *
 * Two shapes carry an `each`: flat, one comprehension of rows, where an insert re-indexes
 * every row after it; and for long lists a tree of chunks (keyed-tree.ts), where it
 * re-indexes one chunk but a row can move only within its chunk, so a shuffle re-sends
 * rows. Changing shape re-sends the list, so the shape changes when it has paid for itself
 * (ski rental): a tree that would re-send most rows of a reorder goes flat, and a flat list
 * goes to a tree once it has re-indexed rows that stayed in order about SWITCH times over.
 * This module knows nothing of templates' insides: diff.ts supplies the per-entry diff.
 */
import { TemplateError } from "./errors.js";
import { buildTree, diffTree, type Rows, type Statics, type Tree } from "./keyed-tree.js";
import { KEYED, KEYED_COUNT, KEYED_MOVED, STATIC } from "./wire.js";

export type { Rows } from "./keyed-tree.js";

/** Lists this long are first sent as a tree; shorter ones flat. */
const TREE_MIN = 64;
/** A flat list goes to a tree after re-indexing SWITCH × its length rows that kept their order. */
const SWITCH = 4;
/** What a break in the old order (a row next to one it was not next to) costs a tree, in re-indexed rows. */
const BREAK = 8;

const EACH = Symbol.for("lagoon.each");

export type Key = string | number;

/** A keyed list placed in a template: the rendered entries and their keys, in order. */
export interface Each {
  readonly [EACH]: true;
  readonly keys: readonly Key[];
  /** `render(item, index)` of each item: usually `html` templates of one call site. */
  readonly entries: readonly unknown[];
  /** Always the flat shape (flatShape(): the benchmarks' same-run baseline). */
  readonly flat?: true;
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

/** The same list, always sent flat: the shape `each` had before trees, for comparisons. */
export function flatShape(list: Each): Each {
  return { ...list, flat: true };
}

/** An `each` as last sent: a tree, or flat (with how much its re-indexing would have saved as a tree). */
export type EachState<E, T> = { readonly tree: Tree<Key, E, T> } | (Flat<E, T> & { readonly tree?: undefined; readonly regret: number });

/**
 * Diffs an `each` against its previous render (`undefined`: the first, sent whole), in the
 * shape that suits it. Returns the slot's wire value (`undefined` when nothing changed).
 */
export function diffEach<E, T extends Statics>(
  list: Each,
  rows: Rows<E, T>,
  prev: EachState<E, T> | undefined,
): { wire: Record<string, unknown> | undefined; state: EachState<E, T> } {
  const { keys, flat } = list;
  const n = keys.length;
  if (prev?.tree) {
    const r = diffTree(keys, rows, prev.tree);
    if ("tree" in r) return { wire: r.wire, state: { tree: r.tree } };
    return whole(keys, rows, r.rebuild === "shape" && n >= TREE_MIN);
  }
  if (!prev) return whole(keys, rows, !flat && n >= TREE_MIN);
  if (!flat && n >= TREE_MIN && prev.regret >= SWITCH * n && reordered(keys, prev)) return whole(keys, rows, true);
  const r = diffFlat(keys, rows, prev, n > 0 ? rows.template(0, n) : prev.t);
  const regret = Math.max(0, prev.regret + r.shifted - BREAK * r.breaks);
  return { wire: r.wire, state: { ...r.state, regret } };
}

/** Whether the keys differ from the last render's (only then may the shape change: an unchanged list sends nothing). */
function reordered(keys: readonly Key[], prev: Entries<unknown>): boolean {
  return keys.length !== prev.e.length || keys.some((k, i) => prev.index!.get(k) !== i);
}

/** The list sent whole, as a tree or flat. */
function whole<E, T extends Statics>(
  keys: readonly Key[],
  rows: Rows<E, T>,
  tree: boolean,
): { wire: Record<string, unknown>; state: EachState<E, T> } {
  if (tree) {
    const r = buildTree(keys, rows);
    return { wire: r.wire, state: { tree: r.tree } };
  }
  const r = diffFlat(keys, rows, undefined);
  return { wire: r.wire!, state: { ...r.state, regret: 0 } };
}

/** A comprehension's previous render: its template and entries. */
export interface Flat<E, T> extends Entries<E> {
  readonly t: T;
}

/**
 * One comprehension of all the rows (`keys` null: by position) against its previous render:
 * with the template the client holds (`t`, by default the rows'), the entries are diffed;
 * otherwise all sent whole, with the statics. Also returns diffEntries' counts.
 */
export function diffFlat<E, T extends Statics>(
  keys: readonly Key[] | null,
  rows: Rows<E, T>,
  prev: Flat<E, T> | undefined,
  t = rows.template(0, rows.count),
) {
  const same = prev?.t === t;
  const r = diffEntries(keys, rows.count, same ? prev : NO_ENTRIES, (i, old) => rows.entry(i, t, old));
  const wire = same ? r.wire : { [STATIC]: t.statics, ...r.wire };
  // literals, not a spread: a spread's result got a hidden class of its own per view
  const { index, e } = r.entries;
  const state: Flat<E, T> = index ? { index, e, t } : { e, t };
  return { wire, state, shifted: r.shifted, breaks: r.breaks };
}

/** The previous render's entries: each entry's state (`E`, owned by diff.ts) and, for `each`, where each key sat. */
export interface Entries<E> {
  /** Absent for plain lists, whose keys are their positions. */
  readonly index?: ReadonlyMap<Key, number>;
  readonly e: readonly E[];
}

const NO_ENTRIES: Entries<never> = { e: [] };

/** One entry's diff against its key's previous state (`undefined`: a new key, render it whole). */
type EntryDiff<E> = (i: number, prev: E | undefined) => { diff: Record<string, unknown> | undefined; state: E };

/**
 * Diffs `n` entries of one comprehension against the previous render of the same statics:
 * by key when `keys` are given, else by position (as Phoenix does for a `:for` without
 * `:key`, which never moves). Returns the slot's wire value (`undefined` when nothing
 * changed) and the new entries; and, for the choice of shape, how many rows kept their
 * order but not their index (`shifted`) and how many sit next to a row they did not follow
 * before (`breaks`). Old indexes name positions in the client's tree before this diff: it
 * clones that tree first when `km` is set, and only then (the 1.2 client throws on a move without `km`).
 */
function diffEntries<E>(
  keys: readonly Key[] | null,
  n: number,
  prev: Entries<E>,
  entry: EntryDiff<E>,
): { wire: Record<string, unknown> | undefined; entries: Entries<E>; shifted: number; breaks: number } {
  const index = keys ? new Map<Key, number>() : undefined;
  const e = new Array<E>(n);
  const keyed: Record<string, unknown> = {};
  let changed = false;
  let moved = false;
  let shifted = 0;
  let breaks = 0;
  let last: number | undefined;
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
    if (from !== undefined && last !== undefined) {
      if (from === last + 1 && from !== i) shifted++;
      else if (from !== last - 1 && from !== last + 1) breaks++;
    }
    last = from;
  }
  const entries = index ? { index, e } : { e };
  if (!changed && n === prev.e.length) return { wire: undefined, entries, shifted, breaks };
  keyed[KEYED_COUNT] = n;
  if (moved) keyed[KEYED_MOVED] = true;
  return { wire: { [KEYED]: keyed }, entries, shifted, breaks };
}
