/**
 * A second, independent reader of the wire format: merges diffs into a rendered tree and
 * writes HTML, following the official client's rules (rendered.js) rather than Lagoon's
 * own diff code, so the test client catches diffs the browser would misread.
 */
import { COMPONENTS, EVENTS, KEYED, KEYED_COUNT, KEYED_MOVED, REPLY, ROOT, STATIC, STREAM, TEMPLATES, TITLE } from "../wire.js";

type Tree = Record<string, any>;

export interface StreamOp {
  ref: string;
  inserts: [string, number, number | null, boolean][];
  deletes: string[];
  reset: boolean;
}

export interface Extracted {
  diff: Tree;
  title: string | undefined;
  reply: unknown;
  events: [string, unknown][];
}

function isObject(v: unknown): v is Tree {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Takes the top-level-only keys out of a diff, as the client does before merging. */
export function extract(diff: Tree): Extracted {
  const { [REPLY]: reply, [EVENTS]: events, [TITLE]: title, ...rest } = diff;
  return { diff: rest, title, reply: reply ?? null, events: events ?? [] };
}

export class RenderedTree {
  #tree: Tree = {};
  readonly viewId: string;

  constructor(viewId: string) {
    this.viewId = viewId;
  }

  get tree(): Tree {
    return this.#tree;
  }

  /** Merges a (top-level-extracted) diff. Throws on diffs the client could not apply. */
  merge(diff: Tree): void {
    const { [COMPONENTS]: newc, ...rest } = diff;
    const oldc: Tree = this.#tree[COMPONENTS] ?? {};
    this.#tree = mergeNode(this.#tree, rest);
    if (isObject(newc)) {
      const resolved: Tree = {};
      const resolve = (cid: string): Tree => {
        if (resolved[cid]) return resolved[cid];
        const cdiff = newc[cid];
        if (!isObject(cdiff)) throw new Error(`component ${cid}: diff is not an object`);
        const s = cdiff[STATIC];
        let out: Tree;
        if (typeof s === "number") {
          const base = s > 0 ? resolve(String(s)) : oldc[String(-s)];
          if (!base) throw new Error(`component ${cid} borrows statics from missing component ${s}`);
          out = mergeNode(structuredClone(base), { ...cdiff, [STATIC]: undefined });
          out[STATIC] = base[STATIC];
        } else if (s !== undefined || !oldc[cid]) {
          if (s === undefined) throw new Error(`component ${cid}: diff for a component the client does not have`);
          out = cdiff;
        } else {
          out = mergeNode(structuredClone(oldc[cid]), cdiff);
        }
        resolved[cid] = out;
        return out;
      };
      for (const cid of Object.keys(newc)) resolve(cid);
      this.#tree[COMPONENTS] = { ...oldc, ...resolved };
    } else {
      this.#tree[COMPONENTS] = oldc;
    }
  }

  pruneComponents(cids: number[]): void {
    for (const cid of cids) delete this.#tree[COMPONENTS]?.[cid];
  }

  componentIds(): number[] {
    return Object.keys(this.#tree[COMPONENTS] ?? {}).map(Number);
  }

  /** HTML of one component, as the client renders it when only that component changed. */
  componentHtml(cid: number): string {
    return this.#component(cid, []);
  }

  /** HTML of the whole view, plus the stream operations this render carried (then dropped). */
  toHtml(): { html: string; streams: StreamOp[] } {
    const streams: StreamOp[] = [];
    const html = this.#node(this.#tree, streams, null);
    return { html, streams };
  }

  #node(node: Tree, streams: StreamOp[], templates: Tree | null): string {
    if (node[TEMPLATES]) templates = node[TEMPLATES];
    if (node[KEYED]) return this.#comprehension(node, streams, templates);
    const statics = resolveStatics(node[STATIC], templates);
    let out = statics[0]!;
    for (let i = 1; i < statics.length; i++) {
      out += this.#dynamic(node[i - 1], streams, templates) + statics[i];
    }
    return out;
  }

  #comprehension(node: Tree, streams: StreamOp[], templates: Tree | null): string {
    const statics = resolveStatics(node[STATIC], templates ?? node[TEMPLATES] ?? null);
    const keyed = node[KEYED];
    let out = "";
    for (let e = 0; e < keyed[KEYED_COUNT]; e++) {
      const entry = keyed[e];
      if (!isObject(entry)) throw new Error(`comprehension entry ${e} missing`);
      out += statics[0];
      for (let i = 1; i < statics.length; i++) out += this.#dynamic(entry[i - 1], streams, templates) + statics[i];
    }
    const stream = node[STREAM];
    if (stream) {
      const [ref, inserts, deletes, reset] = stream;
      streams.push({ ref, inserts, deletes, reset: reset !== undefined });
      // like the client: stream entries are rendered once, then forgotten
      delete node[STREAM];
      node[KEYED] = { [KEYED_COUNT]: 0 };
    }
    return out;
  }

  #dynamic(value: unknown, streams: StreamOp[], templates: Tree | null): string {
    if (typeof value === "number") return this.#component(value, streams);
    if (isObject(value)) return this.#node(value, streams, templates);
    if (typeof value === "string") return value;
    throw new Error(`dynamic of type ${value === undefined ? "undefined (missing slot)" : typeof value}`);
  }

  #component(cid: number, streams: StreamOp[]): string {
    const c = this.#tree[COMPONENTS]?.[cid];
    if (!c) throw new Error(`Cannot continue render due to missing component: ${cid}`);
    if (c[ROOT] !== 1) throw new Error(`component ${cid} lacks the root flag "r": 1`);
    const html = this.#node(c, streams, null);
    // tag the root element as the client does, so phx-target lookups work
    return html.replace(/^(\s*<[A-Za-z][^\s/>]*)/, `$1 data-phx-component="${cid}"`);
  }
}

function resolveStatics(s: unknown, templates: Tree | null): string[] {
  if (Array.isArray(s)) return s;
  if (typeof s === "number" && templates && Array.isArray(templates[s])) return templates[s];
  throw new Error(`node without statics (s = ${JSON.stringify(s)})`);
}

function mergeNode(target: Tree, source: Tree): Tree {
  if (source[STATIC] !== undefined) return source;
  if (source[KEYED]) {
    mergeKeyed(target, source);
    return target;
  }
  for (const key of Object.keys(source)) {
    const val = source[key];
    if (val === undefined) continue;
    const old = target[key];
    target[key] = isObject(val) && val[STATIC] === undefined && isObject(old) ? mergeNode(old, val) : val;
  }
  return target;
}

function mergeKeyed(target: Tree, source: Tree): void {
  if (!target[KEYED]) throw new Error("keyed diff for a slot that is not a comprehension");
  const src = source[KEYED];
  const moved = src[KEYED_MOVED];
  const before = moved ? structuredClone(target[KEYED]) : null;
  for (const key of Object.keys(src)) {
    if (key === KEYED_COUNT || key === KEYED_MOVED) continue;
    const entry = src[key];
    if (Array.isArray(entry) || typeof entry === "number") {
      if (!moved) throw new Error(`keyed move at ${key} without "km": true`);
      const [from, diff] = Array.isArray(entry) ? entry : [entry, {}];
      // like the client: the entry comes from the tree as it was before this diff
      if (!isObject(before![from])) throw new Error(`keyed move at ${key} from old index ${from}, which held no entry`);
      target[KEYED][key] = mergeNode(structuredClone(before![from]), diff);
    } else {
      target[KEYED][key] = mergeNode(target[KEYED][key] ?? {}, entry);
    }
  }
  const count = src[KEYED_COUNT];
  if (typeof count !== "number") throw new Error(`keyed diff without "kc"`);
  for (let i = count; i < target[KEYED][KEYED_COUNT]; i++) delete target[KEYED][i];
  target[KEYED][KEYED_COUNT] = count;
  if (source[STREAM]) target[STREAM] = source[STREAM];
}
