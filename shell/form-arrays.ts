/**
 * Rows of a nested form (an array of objects), added, removed and reordered the way Ecto's
 * `cast_assoc`/`cast_embed` read `sort_param` and `drop_param`, so the markup Phoenix
 * documents for `inputs_for` works unchanged:
 *
 * - rows arrive as `post[links][0][url]`, an object keyed by index (or as a list);
 * - `post[links_sort][]` lists row indexes in the order the rows should take (the hidden
 *   input each row renders, in DOM order), and `new` adds an empty row where it stands
 *   (the add button's value);
 * - `post[links_drop][]` lists indexes to remove (a remove button's value);
 * - rows the sort list does not name follow the sorted ones, by index.
 *
 * Each row keeps its own params (`_unused_` markers included) and its key, the index its
 * inputs are named with: a row's names and ids stay the same while rows around it come and
 * go, so the client's patch keeps each input element (its value, focus and used flag) with
 * its row. A new row takes the smallest key no row has. Positions, from 0, are the rows'
 * order (and the schema's issue paths).
 *
 * Untrusted input is read strictly: keys and indexes that are not canonical row indexes,
 * indexes naming no row and repeated indexes are ignored, and the row count is capped.
 */
import { indexOf } from "./form-paths.js";

type Raw = Record<string, unknown>;

/** The sort param's value that adds a row (the add button's value). */
export const NEW_ROW = "new";

export interface Row {
  /** The index its inputs are named with: `post[links][<key>][url]`. */
  readonly key: number;
  readonly params: Raw;
}

export interface Arranged {
  readonly rows: Row[];
  /** More rows than allowed were asked for; the extra ones were dropped. */
  readonly overflow: boolean;
}

function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A `[]` param as its strings; one string counts as a list of one. */
function strings(param: unknown): string[] {
  if (typeof param === "string") return [param];
  return Array.isArray(param) ? param.filter((v): v is string => typeof v === "string") : [];
}

/** The rows by index, from `{ "0": {...}, "1": {...} }` or `[{...}, {...}]`. */
function indexed(param: unknown): Map<number, Raw> {
  const rows = new Map<number, Raw>();
  if (Array.isArray(param)) param.forEach((row, i) => isRecord(row) && rows.set(i, row));
  else if (isRecord(param)) {
    for (const key of Object.keys(param)) {
      const index = indexOf(key);
      const row = param[key];
      if (index !== undefined && isRecord(row)) rows.set(index, row);
    }
  }
  return rows;
}

export function arrangeRows(param: unknown, sort: unknown, drop: unknown, max: number): Arranged {
  const rows = indexed(param);
  const dropped = new Set<number>();
  for (const key of strings(drop)) {
    const index = indexOf(key);
    if (index !== undefined) dropped.add(index);
  }
  const out: Row[] = [];
  const placed = new Set<number>();
  const taken = new Set([...rows.keys(), ...dropped]);
  let fresh = 0;
  let asked = 0;
  const add = (key: number, params: Raw) => {
    asked++;
    if (out.length < max) out.push({ key, params });
  };
  for (const key of strings(sort)) {
    if (key === NEW_ROW) {
      if (out.length >= max) asked++;
      else {
        while (taken.has(fresh)) fresh++;
        taken.add(fresh);
        add(fresh, {});
      }
      continue;
    }
    const index = indexOf(key);
    if (index === undefined || placed.has(index) || dropped.has(index)) continue;
    const row = rows.get(index);
    if (!row) continue;
    placed.add(index);
    add(index, row);
  }
  const rest = [...rows.keys()].filter((i) => !placed.has(i) && !dropped.has(i)).sort((a, b) => a - b);
  for (const index of rest) add(index, rows.get(index)!);
  return { rows: out, overflow: asked > max };
}
