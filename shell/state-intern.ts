/**
 * The render state (diff.ts) that views of one app hold alike, held once. After a join,
 * each node (or plain list) whose slots hold only text, component ids or such states is
 * replaced by an equal one another view holds already: every anonymous visitor's navigation, footer and
 * buttons are one set of objects instead of one each. States are never changed once a
 * render returned them (the next render builds new nodes), so views can share them.
 *
 * Bounded per template: a node that renders per-user text (a greeting) is shared for the
 * first variants seen, then each view keeps its own, as before.
 */
import { Kind, type NodeState, type SlotState } from "./diff.js";
import type { Prepared } from "./template.js";

const VARIANTS_PER_TEMPLATE = 64;
/** Longer keys (a node holding a long text) are not worth a lookup. */
const KEY_MAX = 1024;

const byTemplate = new WeakMap<Prepared, Map<string, SlotState>>();
/** A short name per shared node and per template, for the keys of the nodes holding them. */
const ids = new WeakMap<object, number>();
let nextId = 0;

function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++nextId));
  return id;
}

/**
 * `state`, fresh from a view's full render and held by nobody else yet, with its shareable
 * nodes replaced by the equal ones already held (its arrays are changed in place).
 */
export function internState(state: NodeState): NodeState {
  return (intern(state) as NodeState | undefined) ?? state;
}

/** The shared state equal to `s` (which becomes it when new), or undefined when `s` cannot be shared. */
function intern(s: SlotState): SlotState | undefined {
  if (typeof s !== "object") return s;
  let key: string | undefined;
  let template: Prepared;
  if (s.k === Kind.Node) {
    template = s.p;
    key = slotsKey(s.d, String(idOf(template)));
  } else if (s.k === Kind.List && s.flat.index === undefined) {
    // a plain list (by position): its entries are slots as a node's are
    template = s.flat.t;
    let listKey: string | undefined = `L${idOf(template)}`;
    for (const entry of s.flat.e) {
      const k = slotsKey(entry, "");
      listKey = listKey === undefined || k === undefined ? undefined : `${listKey}[${k}]`;
    }
    key = listKey !== undefined && listKey.length <= KEY_MAX ? listKey : undefined;
  } else return undefined;
  if (key === undefined) return undefined;
  let variants = byTemplate.get(template);
  if (!variants) byTemplate.set(template, (variants = new Map()));
  const known = variants.get(key);
  if (known) return known;
  if (variants.size >= VARIANTS_PER_TEMPLATE) return undefined;
  variants.set(key, s);
  return s;
}

/** `prefix` and the key of the slots `d`, their nested states interned in place; undefined when one cannot be shared. */
function slotsKey(d: SlotState[], prefix: string): string | undefined {
  let key: string | undefined = prefix;
  // every nested state is interned, even when these slots cannot be
  for (let i = 0; i < d.length; i++) {
    const slot = d[i]!;
    if (typeof slot === "object") {
      const shared = intern(slot);
      if (shared === undefined) key = undefined;
      else d[i] = shared;
    }
    if (key === undefined) continue;
    key += typeof slot === "string" ? `|${slot.length}:${slot}` : typeof slot === "number" ? `|#${slot}` : `|@${idOf(d[i] as object)}`;
    if (key.length > KEY_MAX) key = undefined;
  }
  return key;
}
