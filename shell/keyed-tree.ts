/**
 * The tree shape of a long `each` list on the wire (keyed.ts decides when to use it).
 *
 * A flat keyed comprehension re-indexes every entry after an insert: prepending one row to
 * 1,000 lists 1,000 old indexes. Here the rows sit in chunks (comprehensions of rows) held
 * by groups: comprehensions whose entries are one nested comprehension between empty
 * statics, which add nothing to the HTML, so the client's DOM is the same flat list. An
 * insert re-indexes one chunk; a reorder moves whole chunks and rows within them.
 *
 * The client's format (rendered.js `mergeKeyed`) sets the rules:
 * - an entry moves only within its comprehension, so a row that changes chunk is sent whole:
 *   chunks never merge, and a level cannot be slid under the top one (the list is rebuilt);
 * - moves read a clone of the comprehension taken before the diff, and one old entry read
 *   twice would be one object in two places: a node splits (its old self copied next to it,
 *   each half trimmed) only where it keeps its index, so the client keeps it in place;
 * - each level costs ~26 B of wrapper ({"k":{"0":{"0":…},"kc":n}}): the first chunk is a
 *   child of the top whatever the depth, and short, since a prepend re-indexes all of it;
 *   the top is narrow, since a new first chunk re-indexes all of that.
 */
import { KEYED, KEYED_COUNT, KEYED_MOVED, STATIC } from "./wire.js";
import { bulk, FRONT, plan, TOP, type DGroup, type DLeaf, type Group, type Leaf, type Node, type Tree } from "./keyed-plan.js";

export type { Tree } from "./keyed-plan.js";

/** A group's statics: one nested comprehension and nothing around it. */
const GROUP_STATICS: readonly string[] = Object.freeze(["", ""]);

/** A template as keyed*.ts see it: only its statics. */
export interface Statics {
  readonly statics: readonly string[];
}

/** What diff.ts supplies: the rows' templates and each row's diff (keyed*.ts know no template's insides). */
export interface Rows<E, T extends Statics> {
  readonly count: number;
  /** The template rows `from..to-1` share: the comprehension's. */
  template(from: number, to: number): T;
  /** Row `i` under template `t`, against its previous state (`undefined`: sent whole). */
  entry(i: number, t: T, prev: E | undefined): { diff: Record<string, unknown> | undefined; state: E };
}

type Wire = Record<string, unknown>;
export type TreeDiff<K, E, T> = { wire: Wire | undefined; tree: Tree<K, E, T> } | { rebuild: "scramble" | "shape" };

/** A list sent whole in the tree shape: its first render, or a rebuild. */
export function buildTree<K, E, T extends Statics>(keys: readonly K[], rows: Rows<E, T>): { wire: Wire; tree: Tree<K, E, T> } {
  const front = Math.min(FRONT, keys.length);
  const root: DGroup<E, T> = {
    leaf: false,
    src: null,
    copy: false,
    kids: [...bulk<E, T>(0, front, 1), ...bulk<E, T>(front, keys.length, TOP - 1)],
  };
  const { wire, tree } = new Emit(keys, rows, undefined, new Int32Array(0)).root(root);
  return { wire: wire!, tree };
}

/**
 * The diff from `old` to `keys` (keyed-plan.ts decides what carries on), or why the list
 * should rather be sent whole.
 */
export function diffTree<K, E, T extends Statics>(keys: readonly K[], rows: Rows<E, T>, old: Tree<K, E, T>): TreeDiff<K, E, T> {
  const p = plan(keys, old);
  return "rebuild" in p ? p : new Emit(keys, rows, old, p.ord).root(p.root);
}

/** Renders the plan: each row's diff, each node's wire, and the new tree. */
class Emit<K, E, T extends Statics> {
  readonly #first: number[] = [];
  readonly #paths: Node<E, T>[][] = [];
  readonly #leafOf: Int32Array;

  constructor(
    readonly keys: readonly K[],
    readonly rows: Rows<E, T>,
    readonly old: Tree<K, E, T> | undefined,
    readonly ord: Int32Array,
  ) {
    this.#leafOf = new Int32Array(keys.length);
  }

  root(d: DGroup<E, T>): { wire: Wire | undefined; tree: Tree<K, E, T> } {
    const { wire, node } = this.#group(d, 0, 0);
    const row = new Map<K, number>();
    for (let i = 0; i < this.keys.length; i++) row.set(this.keys[i]!, i);
    return { wire, tree: { root: node as Group<E, T>, row, leafOf: this.#leafOf, first: this.#first, paths: this.#paths } };
  }

  #group(d: DGroup<E, T>, depth: number, at: number): { wire: Wire | undefined; whole: boolean; node: Node<E, T> } {
    const leaves = this.#first.length;
    const k: Wire = {};
    const kids: Node<E, T>[] = [];
    let moved = false;
    let changed = false;
    for (let j = 0; j < d.kids.length; j++) {
      const kd = d.kids[j]!;
      const r = kd.leaf ? this.#leaf(kd, depth + 1, j) : this.#group(kd, depth + 1, j);
      kids.push(r.node);
      const from = kd.src?.at ?? -1;
      if (r.whole) k[j] = { 0: r.wire };
      else if (!kd.copy && from === j) {
        if (r.wire === undefined) continue;
        k[j] = { 0: r.wire };
      } else {
        k[j] = r.wire === undefined ? from : [from, { 0: r.wire }];
        moved = true;
      }
      changed = true;
    }
    const node: Group<E, T> = { leaf: false, at, kids };
    if (depth > 0) for (let no = leaves; no < this.#first.length; no++) this.#paths[no]![depth - 1] = node;
    return { ...wire(k, d.src === null ? GROUP_STATICS : undefined, kids.length, d.src?.kids.length, moved, changed), node };
  }

  #leaf(d: DLeaf<E, T>, depth: number, at: number): { wire: Wire | undefined; whole: boolean; node: Node<E, T> } {
    const { from, to, src } = d;
    const t = this.rows.template(from, to);
    const whole = src === null || src.t !== t;
    const base = whole ? 0 : this.old!.first[d.no]!;
    const no = this.#first.length;
    const k: Wire = {};
    const e = new Array<E>(to - from);
    let moved = false;
    let changed = false;
    for (let j = 0; j < to - from; j++) {
      const i = from + j;
      this.#leafOf[i] = no;
      const o = whole ? -1 : this.ord[i]!;
      const pos = o >= 0 && this.old!.leafOf[o] === d.no ? o - base : -1;
      const r = this.rows.entry(i, t, pos >= 0 ? src!.e[pos] : undefined);
      e[j] = r.state;
      if (pos < 0) k[j] = r.diff ?? {};
      else if (pos === j) {
        if (r.diff === undefined) continue;
        k[j] = r.diff;
      } else {
        k[j] = r.diff === undefined ? pos : [pos, r.diff];
        moved = true;
      }
      changed = true;
    }
    const node: Leaf<E, T> = { leaf: true, at, t, e };
    this.#first.push(from);
    const path = new Array<Node<E, T>>(depth);
    path[depth - 1] = node;
    this.#paths.push(path);
    return { ...wire(k, whole ? t.statics : undefined, to - from, src?.e.length, moved, changed), node };
  }
}

/** A comprehension's wire: whole (with its statics), its changes, or `undefined` when it holds what the client has. */
function wire(
  k: Wire,
  statics: readonly string[] | undefined,
  count: number,
  before: number | undefined,
  moved: boolean,
  changed: boolean,
) {
  k[KEYED_COUNT] = count;
  if (statics) return { wire: { [STATIC]: statics, [KEYED]: k }, whole: true };
  if (!changed && count === before) return { wire: undefined, whole: false };
  if (moved) k[KEYED_MOVED] = true;
  return { wire: { [KEYED]: k }, whole: false };
}
