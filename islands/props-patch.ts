/**
 * Props diffs, as the browser applies them (props-diff.ts computes them on the server).
 * An island's props are typed JSON (wire-values.ts); a diff is a list of operations on it,
 * each at a path of keys and indices from the root:
 *
 *   [0, path, value]             set (or add) the value at path; path [] replaces the whole
 *   [1, path]                    delete an object member
 *   [2, path, index, ...values]  insert values into the array at path
 *   [3, path, index, count]      remove count items from the array at path
 *   [4, path, from, to]          move one item of the array at path (to counts without it)
 *   [5, path, order, ...values]  rebuild the array at path: each entry of order is an old
 *                                index, or -1 for the next of values (a large reorder)
 *
 * Applying copies only the containers on the changed paths: every other object stays the
 * same object, so decoding with the same memo keeps its identity for React.
 *
 * Browser-safe: the hook and the test client apply diffs with it.
 */
import { defineKey, type Json } from "./wire-values.js";

export type Path = readonly (string | number)[];
export type Op =
  | readonly [0, Path, Json]
  | readonly [1, Path]
  | readonly [2, Path, number, ...Json[]]
  | readonly [3, Path, number, number]
  | readonly [4, Path, number, number]
  | readonly [5, Path, readonly number[], ...Json[]];

type Container = Json[] | Record<string, Json>;

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PatchError";
  }
}

/** Applies `ops` to `root`, returning the new root; `root` itself is left as it was. */
export function applyOps(root: Json, ops: readonly Op[]): Json {
  // containers copied by this call may be changed in place by its later operations
  const fresh = new WeakSet<object>();
  const box: Record<string, Json> = { root };
  fresh.add(box);
  for (const op of ops) {
    if (!Array.isArray(op) || !Array.isArray(op[1])) throw new PatchError("malformed operation");
    const path: Path = ["root", ...op[1]];
    const parent = reach(box, path.slice(0, -1), fresh);
    const key = path[path.length - 1]!;
    if (op[0] === 0) {
      put(parent, key, op[2]);
      continue;
    }
    if (op[0] === 1) {
      if (Array.isArray(parent)) throw new PatchError("delete in an array");
      delete parent[String(key)];
      continue;
    }
    const list = writable(childOf(parent, key), fresh);
    if (!Array.isArray(list)) throw new PatchError(`not an array at ${op[1].join(".")}`);
    put(parent, key, list);
    const at = op[2];
    switch (op[0]) {
      case 2:
        list.splice(index(at, list.length), 0, ...(op.slice(3) as Json[]));
        break;
      case 3:
        list.splice(index(at, list.length - 1), op[3]);
        break;
      case 4: {
        const [item] = list.splice(index(at, list.length - 1), 1);
        list.splice(index(op[3], list.length), 0, item!);
        break;
      }
      case 5: {
        const old = list.slice();
        const values = op.slice(3) as Json[];
        let next = 0;
        list.length = 0;
        for (const i of op[2]) list.push(i === -1 ? values[next++]! : old[index(i, old.length - 1)]!);
        break;
      }
      default:
        throw new PatchError(`unknown operation ${String(op[0])}`);
    }
  }
  return box.root!;
}

function index(i: unknown, max: number): number {
  if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i > max) throw new PatchError(`index ${String(i)} out of range`);
  return i;
}

function childOf(parent: Container, key: string | number): Json | undefined {
  if (Array.isArray(parent)) return parent[index(key, parent.length - 1)];
  return Object.hasOwn(parent, key) ? parent[key as string] : undefined;
}

function put(parent: Container, key: string | number, value: Json): void {
  if (Array.isArray(parent)) parent[index(key, parent.length)] = value;
  else defineKey(parent, String(key), value);
}

/** A copy of `value` this call may change, unless it made it itself. */
function writable(value: Json | undefined, fresh: WeakSet<object>): Json | undefined {
  if (typeof value !== "object" || value === null || fresh.has(value)) return value;
  const copy: Container = Array.isArray(value) ? value.slice() : { ...(value as Record<string, Json>) };
  fresh.add(copy);
  return copy;
}

/** The container at `path`, copying each container on the way that this call has not copied yet. */
function reach(box: Container, path: Path, fresh: WeakSet<object>): Container {
  let node: Container = box;
  for (const key of path) {
    const child = writable(childOf(node, key), fresh);
    if (typeof child !== "object" || child === null) throw new PatchError(`no container at ${path.slice(1).join(".")}`);
    put(node, key, child);
    node = child as Container;
  }
  return node;
}

/**
 * `next` with every part deep-equal to the matching part of `prev` replaced by that part
 * of `prev`: whole props sent again (a rejoin) keep the identity of what did not change.
 */
export function share(prev: Json, next: Json): Json {
  if (prev === next || typeof prev !== "object" || typeof next !== "object" || prev === null || next === null) {
    return prev === next ? prev : next;
  }
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  let same = true;
  let out: Container;
  if (Array.isArray(next)) {
    const old = prev as Json[];
    out = next.map((v: Json, i) => {
      const s = i < old.length ? share(old[i]!, v) : v;
      if (s !== old[i]) same = false;
      return s;
    });
    if (old.length !== next.length) same = false;
  } else {
    const old = prev as Record<string, Json>;
    const keys = Object.keys(next);
    if (keys.length !== Object.keys(old).length) same = false;
    const obj: Record<string, Json> = {};
    for (const k of keys) {
      const v = (next as Record<string, Json>)[k]!;
      const s = Object.hasOwn(old, k) ? share(old[k]!, v) : v;
      if (s !== old[k]) same = false;
      defineKey(obj, k, s);
    }
    out = obj;
  }
  return same ? prev : out;
}
