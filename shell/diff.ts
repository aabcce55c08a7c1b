/**
 * Turns rendered templates into the wire format and computes minimal diffs.
 *
 * Pure: it touches no socket, clock or logger. The caller keeps the returned state and
 * passes it back on the next render; a slot whose previous state is `undefined` is sent
 * in full (with statics), which is also how a rejoin starts from scratch.
 *
 * Rules (docs/protocol.md §4):
 * - text is always a JSON string (a JSON number would mean "component id");
 * - an unchanged slot is omitted, the client keeps its value;
 * - a node whose template (fingerprint) is unchanged is sent without "s";
 * - lists become keyed comprehensions diffed by position, `each` lists by key, long
 *   ones as a tree of comprehensions (keyed.ts); streams carry their inserts only and
 *   are forgotten after the render.
 */
import { isCustom, type CustomContext, type CustomValue } from "./custom.js";
import { DEV, TemplateError } from "./errors.js";
import { diffEach, diffFlat, isEach, type Each, type EachState, type Flat, type Rows } from "./keyed.js";
import { leaf } from "./leaf.js";
import {
  isComponentRef,
  isNestedRef,
  isStreamRender,
  type ComponentRefValue,
  type NestedRefValue,
  type StreamRenderValue,
} from "./refs.js";
import { checkStreamContainer, checkStreamItem } from "./stream-check.js";
import { Hole, isKeep, isSlot, isTemplate, prepare, type Keep, type HoleInfo, type Prepared, type Template } from "./template.js";
import { KEYED, KEYED_COUNT, STATIC, STREAM, type WireStreamInsert } from "./wire.js";

export interface RenderContext {
  /** Connected render: the cid for a component reference (the runtime renders it separately). */
  component(ref: ComponentRefValue): number;
  /** Connected render: a nested view's (empty) container, joined by the client. */
  nested?(ref: NestedRefValue): string;
  /** Connected render: what custom values (custom.ts) may use. */
  custom?: CustomContext;
}

export interface HtmlContext {
  /** Dead render: a component's HTML, inline. */
  componentHtml(ref: ComponentRefValue): string;
  /** Dead render: a nested view's container with its HTML. */
  nestedHtml?(ref: NestedRefValue): string;
}

export const enum Kind {
  Node = 0,
  List = 1,
  Stream = 2,
  Kept = 3,
  Keyed = 4,
  Custom = 5,
}
export interface NodeState {
  readonly k: Kind.Node;
  readonly p: Prepared;
  readonly d: SlotState[];
}
export interface ListState {
  readonly k: Kind.List;
  /** The entries' shared template (WRAP when they differ: each entry is one slot) and states. */
  readonly flat: Flat<SlotState[], Prepared>;
}
/** An `each` list as last sent (keyed.ts). Kept through an empty render (the client keeps its statics). */
export interface KeyedState {
  readonly k: Kind.Keyed;
  readonly each: EachState<SlotState[], Prepared>;
}
export interface StreamState {
  readonly k: Kind.Stream;
  readonly ref: string;
  /** The statics the client holds for this stream's entries, or null before any were sent. */
  readonly p: Prepared | null;
}
export interface KeptState {
  readonly k: Kind.Kept;
  readonly key: string;
  /** What the client holds for the slot. */
  readonly inner: SlotState;
}
/** A custom value's slot: its own state, and what the client holds of its content. */
export interface CustomState {
  readonly k: Kind.Custom;
  readonly key: string;
  readonly state: unknown;
  readonly inner: SlotState;
}
/** Per slot: escaped text, a component id, or a structure. */
export type SlotState = string | number | NodeState | ListState | KeyedState | StreamState | KeptState | CustomState;

/** Statics of a comprehension whose entries do not share one template: each entry is a slot. */
const WRAP: Prepared = Object.freeze({
  statics: Object.freeze(["", ""]),
  holes: Object.freeze([{ kind: Hole.Text }]),
  fp: 0,
  singleRoot: false,
});
const TEXT_HOLE: HoleInfo = WRAP.holes[0]!;
/** Development checks render stream items alone: their components render as nothing. */
const NO_COMPONENTS: HtmlContext = { componentHtml: () => "" };

/** Output slot of diffSlot: `undefined` means unchanged (omit the key). */
interface Out {
  v: unknown;
}

/**
 * Renders a template against the state of the previous render.
 * Returns the wire diff (full when `prev` is undefined; `null` when nothing changed) and the new state.
 */
export function diffTemplate(
  template: Template,
  prev: NodeState | undefined,
  ctx: RenderContext,
): { diff: Record<string, unknown> | null; state: NodeState } {
  const out: Out = { v: undefined };
  const state = diffSlot(template, TEXT_HOLE, prev, ctx, out) as NodeState;
  return { diff: (out.v as Record<string, unknown> | undefined) ?? null, state };
}

function diffSlot(value: unknown, hole: HoleInfo, prev: SlotState | undefined, ctx: RenderContext, out: Out): SlotState {
  if (hole.kind === Hole.Text && typeof value === "object" && value !== null) {
    if (isTemplate(value)) return isSlot(value) ? diffSlot(value.values[0], hole, prev, ctx, out) : diffNode(value, prev, ctx, out);
    if (Array.isArray(value) || isEach(value)) return diffList(value, prev, ctx, out);
    if (isComponentRef(value)) {
      const cid = ctx.component(value);
      out.v = prev === cid ? undefined : cid;
      return cid;
    }
    if (isStreamRender(value)) return diffStream(value, prev, ctx, out);
    if (isKeep(value)) return diffKept(value, prev, ctx, out);
    if (isCustom(value)) return diffCustom(value, prev, ctx, out);
    if (isNestedRef(value)) {
      if (!ctx.nested) throw new TemplateError("liveRender() renders only inside a live view");
      const container = ctx.nested(value);
      out.v = prev === container ? undefined : container;
      return container;
    }
  }
  const text = hole.kind === Hole.Text ? leaf(value, hole) : shared(leaf(value, hole));
  // unchanged dynamic: omit the key, the client keeps its old value
  out.v = prev === text ? undefined : text;
  return text;
}

/**
 * The slots of a template that a render of the very same template object must visit again,
 * by index from the root down: the rest of it renders as it did (view-render.ts keeps a
 * layout whose assigns did not change). A leaf holds the value to render there; INNER
 * stands for the `inner` of `diffSpine`.
 */
export type Spine = readonly (readonly [index: number, next: Spine | { readonly v: unknown }])[];
export const INNER = Symbol("inner");

/** Renders the spine's slots of the template `prev` was rendered from; `inner` fills INNER. */
export function diffSpine(
  spine: Spine,
  prev: NodeState,
  inner: unknown,
  ctx: RenderContext,
): { diff: Record<string, unknown> | null; state: NodeState } {
  const out: Out = { v: undefined };
  const state = spineNode(spine, prev, inner, ctx, out);
  return { diff: (out.v as Record<string, unknown> | undefined) ?? null, state };
}

function spineNode(spine: Spine, prev: NodeState, inner: unknown, ctx: RenderContext, out: Out): NodeState {
  const d = prev.d.slice();
  let changed: Record<string, unknown> | undefined;
  const o: Out = { v: undefined };
  for (const [i, next] of spine) {
    // a template on the spine rendered as a node last time (the same object, the same statics)
    if (Array.isArray(next)) d[i] = spineNode(next as Spine, prev.d[i] as NodeState, inner, ctx, o);
    else d[i] = diffSlot((next as { v: unknown }).v === INNER ? inner : (next as { v: unknown }).v, prev.p.holes[i]!, prev.d[i], ctx, o);
    if (o.v !== undefined) (changed ??= {})[i] = o.v;
  }
  out.v = changed;
  return { k: Kind.Node, p: prev.p, d };
}

function diffKept(value: Keep, prev: SlotState | undefined, ctx: RenderContext, out: Out): KeptState {
  if (typeof prev === "object" && prev.k === Kind.Kept && prev.key === value.key) {
    // the client holds this content already: neither render nor send it
    out.v = undefined;
    return prev;
  }
  // sent whole: whatever the client held in this slot is replaced
  return { k: Kind.Kept, key: value.key, inner: diffSlot(value.render(), TEXT_HOLE, undefined, ctx, out) };
}

function diffCustom(value: CustomValue, prev: SlotState | undefined, ctx: RenderContext, out: Out): CustomState {
  if (!ctx.custom) throw new TemplateError("this value renders only inside a live view");
  const known = typeof prev === "object" && prev.k === Kind.Custom && prev.key === value.key ? prev : undefined;
  const { content, state } = value.live(known?.state, ctx.custom);
  return { k: Kind.Custom, key: value.key, state, inner: diffSlot(content, TEXT_HOLE, known?.inner, ctx, out) };
}

function diffNode(t: Template, prev: SlotState | undefined, ctx: RenderContext, out: Out): NodeState {
  const p = prepare(t.strings);
  if (typeof prev === "object" && prev.k === Kind.Node && prev.p === p) {
    const d = new Array<SlotState>(p.holes.length);
    out.v = diffDynamics(t.values, p, prev.d, d, ctx);
    return { k: Kind.Node, p, d };
  }
  const d = new Array<SlotState>(p.holes.length);
  const wire = fullDynamics(t.values, p, d, ctx);
  wire[STATIC] = p.statics;
  out.v = wire;
  return { k: Kind.Node, p, d };
}

/** Fills `d` with the new states; returns the changed slots, or undefined if none changed. */
function diffDynamics(
  values: readonly unknown[],
  p: Prepared,
  prevD: readonly SlotState[],
  d: SlotState[],
  ctx: RenderContext,
): Record<string, unknown> | undefined {
  let changed: Record<string, unknown> | undefined;
  const out: Out = { v: undefined };
  for (let i = 0; i < p.holes.length; i++) {
    if (DEV && isStreamRender(values[i])) checkStreamContainer(p, i, (values[i] as StreamRenderValue).name);
    d[i] = diffSlot(values[i], p.holes[i]!, prevD[i], ctx, out);
    if (out.v !== undefined) (changed ??= {})[i] = out.v;
  }
  return changed;
}

function fullDynamics(values: readonly unknown[], p: Prepared, d: SlotState[], ctx: RenderContext): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  const out: Out = { v: undefined };
  for (let i = 0; i < p.holes.length; i++) {
    if (DEV && isStreamRender(values[i])) checkStreamContainer(p, i, (values[i] as StreamRenderValue).name);
    d[i] = diffSlot(values[i], p.holes[i]!, undefined, ctx, out);
    wire[i] = out.v;
  }
  return wire;
}

/** The shared template of items `from..to-1`, or WRAP when they are not all one template. */
function listTemplate(items: readonly unknown[], from = 0, to = items.length): Prepared {
  const first = items[from];
  if (!isTemplate(first)) return WRAP;
  const strings = first.strings;
  let p: Prepared | undefined;
  for (let i = from + 1; i < to; i++) {
    const item = items[i];
    if (!isTemplate(item)) return WRAP;
    // same call site (the usual map()); otherwise compare prepared fingerprints
    if (item.strings !== strings && prepare(item.strings) !== (p ??= prepare(strings))) return WRAP;
  }
  return p ?? prepare(strings);
}

function entryValues(item: unknown, p: Prepared): readonly unknown[] {
  return p === WRAP ? [item] : (item as Template).values;
}

/** A plain list (by position) or an `each` (by key, keyed.ts), against the previous render of the slot. */
function diffList(list: readonly unknown[] | Each, prev: SlotState | undefined, ctx: RenderContext, out: Out): SlotState {
  const items = isEach(list) ? list.entries : list;
  const each = typeof prev === "object" && prev.k === Kind.Keyed ? prev.each : undefined;
  if (items.length === 0 && !(isEach(list) && each)) {
    // an empty comprehension is first sent as "" (as Phoenix does); an `each` the client holds keeps its statics
    out.v = prev === "" ? undefined : "";
    return "";
  }
  const rows: Rows<SlotState[], Prepared> = {
    count: items.length,
    template: (from, to) => listTemplate(items, from, to),
    entry(i, p, old) {
      const d = new Array<SlotState>(p.holes.length);
      const values = entryValues(items[i], p);
      return { diff: old ? diffDynamics(values, p, old, d, ctx) : fullDynamics(values, p, d, ctx), state: d };
    },
  };
  if (isEach(list)) {
    const r = diffEach(list, rows, each);
    out.v = r.wire;
    return { k: Kind.Keyed, each: r.state };
  }
  const r = diffFlat(null, rows, typeof prev === "object" && prev.k === Kind.List ? prev.flat : undefined);
  out.v = r.wire;
  return { k: Kind.List, flat: r.state };
}

function diffStream(sr: StreamRenderValue, prev: SlotState | undefined, ctx: RenderContext, out: Out): StreamState {
  const known = typeof prev === "object" && prev.k === Kind.Stream && prev.ref === sr.ref ? prev : undefined;
  if (known && sr.inserts.length === 0 && sr.deletes.length === 0 && !sr.reset) {
    out.v = undefined;
    return known;
  }
  const items = sr.inserts.map((i) => i.item);
  const p = items.length > 0 ? listTemplate(items) : (known?.p ?? WRAP);
  const keyed: Record<string, unknown> = {};
  const inserts: WireStreamInsert[] = [];
  // stream entries are always sent whole: the client drops them after each render
  for (let i = 0; i < items.length; i++) {
    const ins = sr.inserts[i]!;
    if (DEV && isTemplate(ins.item)) checkStreamItem(renderHtml(ins.item, NO_COMPONENTS), ins.domId, sr.name);
    keyed[i] = fullDynamics(entryValues(ins.item, p), p, new Array<SlotState>(p.holes.length), ctx);
    inserts.push([ins.domId, ins.at, ins.limit, ins.updateOnly]);
  }
  keyed[KEYED_COUNT] = items.length;
  const wire: Record<string, unknown> = {
    [KEYED]: keyed,
    [STREAM]: sr.reset ? [sr.ref, inserts, sr.deletes.slice(), true] : [sr.ref, inserts, sr.deletes.slice()],
  };
  if (!known || known.p !== p) wire[STATIC] = p.statics;
  out.v = wire;
  return known && known.p === p ? known : { k: Kind.Stream, ref: sr.ref, p };
}

// attribute text repeats from view to view (every page's nav links, JS commands): the
// states of all the views keep one copy of it rather than one each. Bounded, as the
// values may come from data; the first ones seen stay
const SHARED = new Map<string, string>();
const SHARED_MAX = 4096;

function shared(text: string): string {
  if (text.length < 24 || text.length > 2048) return text;
  const known = SHARED.get(text);
  if (known !== undefined) return known;
  if (SHARED.size < SHARED_MAX) SHARED.set(text, text);
  return text;
}

/**
 * Dead render: the template as an HTML string (no wire, no state). Must produce the same
 * markup the client builds from the full wire render, so the join patch changes nothing.
 */
export function renderHtml(value: unknown, ctx: HtmlContext): string {
  return htmlSlot(value, TEXT_HOLE, ctx);
}

function htmlSlot(value: unknown, hole: HoleInfo, ctx: HtmlContext): string {
  if (hole.kind === Hole.Text && typeof value === "object" && value !== null) {
    if (isTemplate(value)) return htmlTemplate(value, ctx);
    if (Array.isArray(value) || isEach(value)) {
      let s = "";
      for (const item of isEach(value) ? value.entries : value) s += htmlSlot(item, TEXT_HOLE, ctx);
      return s;
    }
    if (isComponentRef(value)) return ctx.componentHtml(value);
    if (isStreamRender(value)) {
      let s = "";
      for (const ins of value.inserts) {
        const item = htmlSlot(ins.item, TEXT_HOLE, ctx);
        if (DEV && isTemplate(ins.item)) checkStreamItem(item, ins.domId, value.name);
        s += item;
      }
      return s;
    }
    if (isKeep(value)) return htmlSlot(value.render(), TEXT_HOLE, ctx);
    if (isCustom(value)) {
      const content = value.dead((v) => renderHtml(v, ctx));
      return renderHtml(content, ctx);
    }
    if (isNestedRef(value)) {
      if (!ctx.nestedHtml) throw new TemplateError("liveRender() renders only inside a live view");
      return ctx.nestedHtml(value);
    }
  }
  return leaf(value, hole);
}

function htmlTemplate(t: Template, ctx: HtmlContext): string {
  const p = prepare(t.strings);
  const statics = p.statics;
  let s = statics[0]!;
  for (let i = 0; i < p.holes.length; i++) {
    if (DEV && isStreamRender(t.values[i])) checkStreamContainer(p, i, (t.values[i] as StreamRenderValue).name);
    s += htmlSlot(t.values[i], p.holes[i]!, ctx) + statics[i + 1]!;
  }
  return s;
}
