/**
 * The diff of two encoded props values (wire-values.ts), as the operations props-patch.ts
 * applies. Objects are compared member by member; arrays of objects that all carry an `id`
 * (unique, a string or number) are matched by id, so inserting, removing or moving one item
 * is one operation however long the list; other arrays by position, after their common
 * head and tail. Identical objects (the encoder memoizes unchanged inputs) are skipped
 * without looking inside, so a diff costs what changed, not the size of the props.
 */
import type { Op, Path } from "./props-patch.js";
import type { Json } from "./wire-values.js";

/** Past this many structural operations on one array, it is rebuilt with one "order" operation. */
const MAX_ARRAY_OPS = 8;

type Obj = { readonly [key: string]: Json };
type Id = string | number;

export function diffWire(prev: Json, next: Json): Op[] {
  const ops: Op[] = [];
  diff(prev, next, [], ops);
  return ops;
}

function isObject(v: Json): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function diff(a: Json, b: Json, path: Path, ops: Op[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    // the common case, no item added, removed or moved: no structural work at all
    if (sameIds(a, b)) return diffInPlace(a, b, path, ops);
    const ids = keyed(a) && keyed(b) ? { a: idsOf(a), b: idsOf(b) } : undefined;
    if (ids && ids.a && ids.b) diffKeyed(a, b, ids.a, ids.b, path, ops);
    else diffPositional(a, b, path, ops);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) if (!Object.hasOwn(b, k)) ops.push([1, [...path, k]]);
    for (const k of Object.keys(b)) {
      if (Object.hasOwn(a, k)) {
        if (a[k] !== b[k]) diff(a[k]!, b[k]!, [...path, k], ops);
      } else ops.push([0, [...path, k], b[k]!]);
    }
    return;
  }
  ops.push([0, path, b]);
}

function keyed(list: readonly Json[]): boolean {
  return list.length > 0 && list.every((v) => isObject(v) && (typeof v.id === "string" || typeof v.id === "number"));
}

/** The items' ids, or undefined when two share one. */
function idsOf(list: readonly Json[]): Id[] | undefined {
  const ids = list.map((v) => (v as Obj).id as Id);
  return new Set(ids).size === ids.length ? ids : undefined;
}

function equal(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as Json[]).length && a.every((v: Json, i) => equal(v, (b as Json[])[i]!));
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal((a as Obj)[k]!, (b as Obj)[k]!));
}

function diffPositional(a: readonly Json[], b: readonly Json[], path: Path, ops: Op[]): void {
  let head = 0;
  const min = Math.min(a.length, b.length);
  while (head < min && equal(a[head]!, b[head]!)) head++;
  let tail = 0;
  while (tail < min - head && equal(a[a.length - 1 - tail]!, b[b.length - 1 - tail]!)) tail++;
  const aEnd = a.length - tail;
  const bEnd = b.length - tail;
  const common = Math.min(aEnd, bEnd) - head;
  for (let i = head; i < head + common; i++) if (a[i] !== b[i]) diff(a[i]!, b[i]!, [...path, i], ops);
  if (aEnd - head > common) ops.push([3, path, head + common, aEnd - head - common]);
  if (bEnd - head > common) ops.push([2, path, head + common, ...b.slice(head + common, bEnd)]);
}

/** Same length, and each item an object with the same id as the other list's at its index. */
function sameIds(a: readonly Json[], b: readonly Json[]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!isObject(x) || !isObject(y) || (typeof x.id !== "string" && typeof x.id !== "number") || x.id !== y.id) return false;
  }
  return true;
}

/** Items that differ, at the same index in both lists (the paths are built only for those). */
function diffInPlace(a: readonly Json[], b: readonly Json[], path: Path, ops: Op[]): void {
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) diff(a[i]!, b[i]!, [...path, i], ops);
}

function diffKeyed(a: readonly Json[], b: readonly Json[], aIds: Id[], bIds: Id[], path: Path, ops: Op[]): void {
  const inB = new Map(bIds.map((id, i) => [id, i]));
  const inA = new Map(aIds.map((id, i) => [id, i]));
  const structural: Op[] = [];
  // removals, last first, so earlier indices stay valid; runs of neighbours in one operation
  for (let i = a.length - 1; i >= 0; ) {
    if (inB.has(aIds[i]!)) {
      i--;
      continue;
    }
    let start = i;
    while (start > 0 && !inB.has(aIds[start - 1]!)) start--;
    structural.push([3, path, start, i - start + 1]);
    i = start - 1;
  }
  // the items both sides hold, in the old order; the longest run already in the new order stays put
  const work = aIds.filter((id) => inB.has(id));
  const position = new Map(work.map((id, i) => [id, i]));
  const kept = new Set(longestIncreasing(bIds.filter((id) => position.has(id)).map((id) => position.get(id)!)).map((p) => work[p]!));
  // each item not kept in place goes right after its predecessor in the new order
  for (let j = 0; j < b.length && structural.length <= MAX_ARRAY_OPS; j++) {
    const id = bIds[j]!;
    if (kept.has(id)) continue;
    const to = j === 0 ? 0 : work.indexOf(bIds[j - 1]!) + 1;
    if (!inA.has(id)) {
      const last = structural[structural.length - 1];
      if (last && last[0] === 2 && last[2] + last.length - 3 === to) (last as unknown as Json[]).push(b[j]!);
      else structural.push([2, path, to, b[j]!]);
      work.splice(to, 0, id);
    } else {
      const from = work.indexOf(id);
      work.splice(from, 1);
      const at = j === 0 ? 0 : work.indexOf(bIds[j - 1]!) + 1;
      structural.push([4, path, from, at]);
      work.splice(at, 0, id);
    }
  }
  if (structural.length > MAX_ARRAY_OPS) {
    // a large reorder: one operation naming, for each new position, the old index or a new item
    const order: number[] = [];
    const values: Json[] = [];
    for (let j = 0; j < b.length; j++) {
      const i = inA.get(bIds[j]!);
      order.push(i ?? -1);
      if (i === undefined) values.push(b[j]!);
    }
    ops.push([5, path, order, ...values]);
  } else {
    ops.push(...structural);
  }
  // then what changed inside the items both sides hold, at their new indices
  for (let j = 0; j < b.length; j++) {
    const i = inA.get(bIds[j]!);
    if (i !== undefined && a[i] !== b[j]) diff(a[i]!, b[j]!, [...path, j], ops);
  }
}

/** The values of a longest strictly increasing subsequence of `seq`. */
function longestIncreasing(seq: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i !== -1; i = prev[i]!) out.push(seq[i]!);
  return out.reverse();
}
