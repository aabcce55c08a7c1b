/**
 * The plan of a list's next tree (keyed-tree.ts sends it): which chunks and groups of the
 * old tree carry on, in what order, where new rows go, and which nodes split. Rows that
 * leave their chunk are sent whole, so the plan keeps the most rows where they are.
 */

/** Rows per chunk when built; a chunk splits past LEAF_MAX. */
const LEAF = 32;
const LEAF_MAX = 64;
/** Rows of the first chunk when built; a prepend past FRONT_MAX starts a new first chunk. */
export const FRONT = 4;
const FRONT_MAX = 8;
/** Children per group when built; a group splits past FANOUT_MAX. */
const FANOUT = 32;
const FANOUT_MAX = 64;
/**
 * Top-level entries when built, few: each new first chunk re-indexes all of them (one per
 * FRONT_MAX prepends). Past TOP_MAX the list is rebuilt, one level deeper.
 */
export const TOP = 8;
const TOP_MAX = 256;

export interface Leaf<E, T> {
  readonly leaf: true;
  /** Index in its group. */
  readonly at: number;
  readonly t: T;
  readonly e: readonly E[];
}
export interface Group<E, T> {
  readonly leaf: false;
  readonly at: number;
  readonly kids: readonly Node<E, T>[];
}
export type Node<E, T> = Leaf<E, T> | Group<E, T>;

/** A list as the client holds it: its nodes, and where each row (by its position in the list) sits. */
export interface Tree<K, E, T> {
  readonly root: Group<E, T>;
  readonly row: ReadonlyMap<K, number>;
  /** Per row: its chunk's number (chunks numbered in list order). */
  readonly leafOf: Int32Array;
  /** Per chunk: its first row. */
  readonly first: readonly number[];
  /** Per chunk: the nodes above it, top first (the top itself left out), then the chunk. */
  readonly paths: readonly (readonly Node<E, T>[])[];
}

/** This render's plan of a node: the old node it continues (null: new), and for a split's second half, `copy`. */
export interface DLeaf<E, T> {
  readonly leaf: true;
  readonly src: Leaf<E, T> | null;
  /** The old chunk's number. */
  readonly no: number;
  readonly copy: boolean;
  from: number;
  to: number;
}
export interface DGroup<E, T> {
  readonly leaf: false;
  readonly src: Group<E, T> | null;
  readonly copy: boolean;
  kids: Draft<E, T>[];
}
export type Draft<E, T> = DLeaf<E, T> | DGroup<E, T>;

/**
 * This render's plan against `old` (`ord`: each row's old position, -1 for new rows),
 * keeping every chunk and group whose rows stay together; or why the list should rather
 * be sent whole: most rows would be (`scramble` when they moved, `shape` when they are
 * new or the top level grew too wide).
 */
export function plan<K, E, T>(
  keys: readonly K[],
  old: Tree<K, E, T>,
): { root: DGroup<E, T>; ord: Int32Array } | { rebuild: "scramble" | "shape" } {
  const n = keys.length;
  const ord = new Int32Array(n);
  const present: number[] = [];
  let inPlace = n === old.leafOf.length;
  for (let i = 0; i < n; i++) {
    const o = old.row.get(keys[i]!);
    ord[i] = o ?? -1;
    if (o !== undefined) present.push(i);
    if (o !== i) inPlace = false;
  }
  // the same keys in the same order (a row's content changed, or nothing did): the same tree
  if (inPlace) return { root: same(old.root, { no: 0 }, old) as DGroup<E, T>, ord };
  const kept = new Uint8Array(n);
  keep(old, ord, kept, 0, present);
  let stay = 0;
  for (let i = 0; i < n; i++) stay += kept[i]!;
  if (n > 0 && (stay === 0 || (n - stay) * 2 > n)) return { rebuild: present.length - stay > n - present.length ? "scramble" : "shape" };
  const root = drafts(old, ord, kept);
  split(root, old, ord);
  if (root.kids.length > TOP_MAX) return { rebuild: "shape" };
  return { root, ord };
}

/** The plan of `node` as it stands (`next`: the number of its first chunk, advanced past its chunks). */
function same<K, E, T>(node: Node<E, T>, next: { no: number }, old: Tree<K, E, T>): Draft<E, T> {
  if (!node.leaf) return { leaf: false, src: node, copy: false, kids: node.kids.map((k) => same(k, next, old)) };
  const no = next.no++;
  return { leaf: true, src: node, no, copy: false, from: old.first[no]!, to: old.first[no]! + node.e.length };
}

/**
 * Marks the rows that stay in their chunk: under each group, a child keeps its longest run
 * of rows (in the new order), plus its other runs that only orphans separate from it.
 * Orphans (rows whose run was given up) are sent whole where they now are.
 */
function keep<K, E, T>(tree: Tree<K, E, T>, ord: Int32Array, kept: Uint8Array, depth: number, idx: readonly number[]): void {
  type Run = { kid: Node<E, T>; s: number; e: number; keep: boolean };
  const runs: Run[] = [];
  for (let j = 0; j < idx.length; j++) {
    const kid = tree.paths[tree.leafOf[ord[idx[j]!]!]!]![depth]!;
    const last = runs[runs.length - 1];
    if (last?.kid === kid) last.e = j + 1;
    else runs.push({ kid, s: j, e: j + 1, keep: false });
  }
  const main = new Map<Node<E, T>, Run>();
  for (const r of runs) {
    const m = main.get(r.kid);
    if (!m || r.e - r.s > m.e - m.s) main.set(r.kid, r);
  }
  // between two main runs, the left one's child takes its runs up to a cut, the right one's from there
  let prev = -1;
  for (let a = 0; a <= runs.length; a++) {
    if (a < runs.length && main.get(runs[a]!.kid) !== runs[a]) continue;
    const left = prev >= 0 ? runs[prev]!.kid : undefined;
    const right = a < runs.length ? runs[a]!.kid : undefined;
    let score = 0;
    for (let b = prev + 1; b < a; b++) if (runs[b]!.kid === right) score += runs[b]!.e - runs[b]!.s;
    let best = score;
    let cut = prev + 1;
    for (let b = prev + 1; b < a; b++) {
      const r = runs[b]!;
      score += r.kid === left ? r.e - r.s : r.kid === right ? r.s - r.e : 0;
      if (score > best) [best, cut] = [score, b + 1];
    }
    for (let b = prev + 1; b < a; b++) runs[b]!.keep = b < cut ? runs[b]!.kid === left : runs[b]!.kid === right;
    if (a < runs.length) runs[a]!.keep = true;
    prev = a;
  }
  const under = new Map<Node<E, T>, number[]>();
  for (const r of runs) {
    if (!r.keep) continue;
    let list = under.get(r.kid);
    if (!list) under.set(r.kid, (list = []));
    for (let j = r.s; j < r.e; j++) list.push(idx[j]!);
  }
  for (const [kid, list] of under) {
    if (kid.leaf) for (const i of list) kept[i] = 1;
    else keep(tree, ord, kept, depth + 1, list);
  }
}

/**
 * The new tree's plan: the kept chunks in the new order under the old groups that hold
 * them; other rows join the chunk before them (the first chunk, at the front), and a long
 * stretch of them between two chunks becomes chunks of its own.
 */
function drafts<K, E, T>(old: Tree<K, E, T>, ord: Int32Array, kept: Uint8Array): DGroup<E, T> {
  const n = ord.length;
  const root: DGroup<E, T> = { leaf: false, src: old.root, copy: false, kids: [] };
  const stack: DGroup<E, T>[] = [root];
  let cur: DLeaf<E, T> | undefined;
  let front = -1;
  let wild = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && !kept[i]) {
      if (wild < 0) wild = i;
      continue;
    }
    const no = i < n ? old.leafOf[ord[i]!]! : -1;
    if (wild >= 0) {
      if (i - wild >= LEAF && cur?.no !== no) open(old.paths[cur ? cur.no : no]!, stack).kids.push(...bulk<E, T>(wild, i, FANOUT));
      else if (cur) cur.to = i;
      else front = wild;
      wild = -1;
    }
    if (i === n) break;
    if (cur?.no === no) {
      cur.to = i + 1;
      continue;
    }
    const path = old.paths[no]!;
    cur = { leaf: true, src: path[path.length - 1] as Leaf<E, T>, no, copy: false, from: front >= 0 ? front : i, to: i + 1 };
    front = -1;
    open(path, stack).kids.push(cur);
  }
  return root;
}

/** The plan of the group holding the last node of `path`, opening plans of the groups above it as needed. */
function open<E, T>(path: readonly Node<E, T>[], stack: DGroup<E, T>[]): DGroup<E, T> {
  const groups = path.length - 1;
  let k = 0;
  while (k < groups && k + 1 < stack.length && stack[k + 1]!.src === path[k]) k++;
  stack.length = k + 1;
  for (; k < groups; k++) {
    const g: DGroup<E, T> = { leaf: false, src: path[k] as Group<E, T>, copy: false, kids: [] };
    stack[k]!.kids.push(g);
    stack.push(g);
  }
  return stack[groups]!;
}

/** New nodes for rows `from..to-1`: chunks, grouped until at most `max` remain. */
export function bulk<E, T>(from: number, to: number, max: number): Draft<E, T>[] {
  let level: Draft<E, T>[] = parts(to - from, LEAF).map(([a, b]) => ({
    leaf: true,
    src: null,
    no: -1,
    copy: false,
    from: from + a,
    to: from + b,
  }));
  while (level.length > max) {
    const below = level;
    level = parts(below.length, FANOUT).map(([a, b]) => ({ leaf: false, src: null, copy: false, kids: below.slice(a, b) }));
  }
  return level;
}

/** `n` split evenly into parts of at most `size`. */
function parts(n: number, size: number): [number, number][] {
  const count = Math.ceil(n / size);
  return Array.from({ length: count }, (_, k) => [Math.floor((k * n) / count), Math.floor(((k + 1) * n) / count)]);
}

/**
 * Splits oversized nodes: at most one child per group, and only a child at its old index
 * (its second half is then a copy of it from the client's clone). A group whose child split
 * keeps that child in its first half. Returns the index of `g`'s child that split, or -1.
 */
function split<K, E, T>(g: DGroup<E, T>, old: Tree<K, E, T>, ord: Int32Array): number {
  let done = -1;
  for (let j = 0; j < g.kids.length; j++) {
    const kid = g.kids[j]!;
    const below = kid.leaf ? -1 : split(kid, old, ord);
    if (done >= 0 || !kid.src || kid.src.at !== j) continue;
    const h = kid.leaf ? leafCut(kid, old, ord) : groupCut(kid, below + 1);
    if (h <= 0) continue;
    if (kid.leaf) {
      g.kids.splice(j + 1, 0, { ...kid, copy: true, from: kid.from + h });
      kid.to = kid.from + h;
    } else {
      g.kids.splice(j + 1, 0, { ...kid, copy: true, kids: kid.kids.slice(h) });
      kid.kids.length = h;
    }
    done = j;
    j++;
  }
  return done;
}

/**
 * Where to split a chunk that grew (0: not now): past LEAF_MAX rows, or the first chunk
 * past FRONT_MAX when rows were prepended. Only growth splits, so an unchanged list sends nothing.
 */
function leafCut<K, E, T>(d: DLeaf<E, T>, old: Tree<K, E, T>, ord: Int32Array): number {
  const m = d.to - d.from;
  if (m <= d.src!.e.length || (m <= LEAF_MAX && (d.from !== 0 || m <= FRONT_MAX))) return 0;
  const base = old.first[d.no]!;
  const olds = Array.from({ length: m }, (_, j) => {
    const o = ord[d.from + j]!;
    return o >= 0 && old.leafOf[o] === d.no ? o - base : -1;
  });
  if (m > LEAF_MAX) return cut(olds);
  if (olds[0]! >= 0) return 0;
  // a new first chunk of the prepended rows; the old one is copied whole after it
  return olds.findIndex((o) => o >= 0);
}

/** Where to split a group that grew past FANOUT_MAX (0: not now), at `min` or later. */
function groupCut<E, T>(d: DGroup<E, T>, min: number): number {
  return d.kids.length > FANOUT_MAX && d.kids.length > d.src!.kids.length
    ? cut(
        d.kids.map((k) => (k.src && !k.copy ? k.src.at : -1)),
        min,
      )
    : 0;
}

/**
 * The split that leaves the most entries where the client has them (`olds`: each entry's
 * old index, -1 for new ones): the first half keeps the node's indexes, the second is its
 * copy shifted by the cut. Balanced cuts, or one putting all the new entries at one end;
 * none before `min`.
 */
function cut(olds: readonly number[], min = 1): number {
  const m = olds.length;
  const zero = new Int32Array(m + 1);
  const shifted = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) {
    const o = olds[j]!;
    zero[j + 1] = zero[j]! + (o === j ? 1 : 0);
    if (o >= 0 && j > o) shifted[j - o]!++;
  }
  const lead = olds.findIndex((o) => o >= 0);
  let trail = 0;
  while (trail < m && olds[m - 1 - trail]! < 0) trail++;
  const candidates = [lead, m - trail];
  for (let h = Math.ceil(m / 4); h <= Math.floor((3 * m) / 4); h++) candidates.push(h);
  let best = 0;
  let score = -1;
  for (const h of candidates) {
    if (h < min || h >= m) continue;
    const s = zero[h]! + shifted[h]!;
    if (s > score || (s === score && Math.abs(2 * h - m) < Math.abs(2 * best - m))) [best, score] = [h, s];
  }
  return best;
}
