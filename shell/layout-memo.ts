/**
 * A view's layout, rendered once and kept while none of the assigns it read changed, as
 * Phoenix's change tracking skips what depends only on unchanged assigns: an event that
 * changes the page's counter neither builds the navigation's links again nor diffs them.
 * Only the inner (the view's own render) and what renders anew each time (live
 * components, nested views, islands) are visited, through the spine (diff.ts) found when the
 * layout was rendered.
 *
 * What the layout reads is recorded as it runs, on the assigns it is given. A read of the
 * whole set (a spread, Object.keys) makes every change count. A layout that puts its
 * inner, a component or a nested view inside a list, an each() or a keep() cannot be
 * kept: it renders every time, as any template does.
 */
import { isCustom } from "./custom.js";
import { diffSpine, INNER, type NodeState, type RenderContext, type Spine } from "./diff.js";
import { isEach } from "./keyed.js";
import { isComponentRef, isNestedRef } from "./refs.js";
import type { Layout } from "./router.js";
import { isTemplate, slot, type Template } from "./template.js";
import type { Assigns } from "./types.js";

type Diff = { diff: Record<string, unknown> | null; state: NodeState };

// layouts found not to keep (see the module comment): rendered directly from then on
const unkept = new WeakSet<Layout>();

export class LayoutMemo {
  readonly #layout: Layout;
  /** The assign names the layout read; null when it read them all. */
  readonly #reads: readonly string[] | null;
  readonly #spine: Spine;

  private constructor(layout: Layout, reads: readonly string[] | null, spine: Spine) {
    this.#layout = layout;
    this.#reads = reads;
    this.#spine = spine;
  }

  /**
   * Renders `layout` around `inner`, keeping it when it can be kept. The template returned
   * is diffed as usual (its inner sits in a slot, which renders as the inner itself).
   */
  static render(layout: Layout, inner: Template, assigns: Assigns): { template: Template; memo: LayoutMemo | undefined } {
    if (unkept.has(layout)) return { template: layout(inner, assigns as never), memo: undefined };
    const reads = new Set<string>();
    const into = slot(inner);
    const template = layout(into, watched(assigns, reads) as never);
    const spine = spineOf(template, into);
    if (spine === undefined) {
      unkept.add(layout);
      return { template: layout(inner, assigns as never), memo: undefined };
    }
    return {
      template,
      memo: new LayoutMemo(
        layout,
        reads.has(ALL) ? null : shared(layout, `r\0${[...reads].join("\0")}`, () => [...reads]),
        shareable(layout, spine),
      ),
    };
  }

  /** The kept layout is `layout`, and nothing it read changed (`changed` tells of one assign). */
  fits(layout: Layout, changed: (key: string) => boolean): boolean {
    if (layout !== this.#layout || this.#reads === null) return false;
    for (const key of this.#reads) if (changed(key)) return false;
    return true;
  }

  /** The diff of the kept layout around a new inner, against the state of the last render. */
  diff(prev: NodeState, inner: Template, ctx: RenderContext): Diff {
    return diffSpine(this.#spine, prev, inner, ctx);
  }
}

// What views of one layout mostly hold alike, held once: an idle view keeps only a reference.
const interned = new WeakMap<Layout, Map<string, unknown>>();
const INTERNED_PER_LAYOUT = 256;

/** The value interned under `key` for `layout`, made by `make` the first time (past the bound, each view keeps its own). */
function shared<T>(layout: Layout, key: string, make: () => T): T {
  let known = interned.get(layout);
  if (!known) interned.set(layout, (known = new Map()));
  const hit = known.get(key) as T | undefined;
  if (hit !== undefined) return hit;
  const value = make();
  if (known.size < INTERNED_PER_LAYOUT) known.set(key, value);
  return value;
}

/** A spine whose only leaf is the inner is the same for every view of the layout: interned; one placing live values is the view's own. */
function shareable(layout: Layout, spine: Spine): Spine {
  const key = innerOnly(spine);
  return key === undefined ? spine : shared(layout, `s\0${key}`, () => spine);
}

function innerOnly(spine: Spine): string | undefined {
  let key = "";
  for (const [i, next] of spine) {
    if (Array.isArray(next)) {
      const inner = innerOnly(next as Spine);
      if (inner === undefined) return undefined;
      key += `${i}[${inner}]`;
    } else if ((next as { v: unknown }).v === INNER) key += `${i};`;
    else return undefined;
  }
  return key;
}

// recorded when the layout reads every assign's name at once
const ALL = "\0all";

/** The assigns, recording the name of each one read into `reads`. */
function watched(assigns: Assigns, reads: Set<string>): Assigns {
  return new Proxy(assigns, {
    get(target, key) {
      if (typeof key === "string") reads.add(key);
      return Reflect.get(target, key);
    },
    has(target, key) {
      if (typeof key === "string") reads.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === "string") reads.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      reads.add(ALL);
      return Reflect.ownKeys(target);
    },
  });
}

const UNREACHABLE = Symbol("unreachable");
type Walked = Spine | { readonly v: unknown } | null | typeof UNREACHABLE;

/** The spine of a layout's template around `into`; undefined when something live sits where no path reaches it. */
function spineOf(template: Template, into: Template): Spine | undefined {
  const found = walk(template, into);
  if (found === UNREACHABLE || (found !== null && !Array.isArray(found))) return undefined;
  return (found as Spine | null) ?? [];
}

function walk(value: unknown, into: Template): Walked {
  if (value === into) return { v: INNER };
  if (typeof value !== "object" || value === null) return null;
  if (isTemplate(value)) {
    let spine: [number, Spine | { v: unknown }][] | undefined;
    for (let i = 0; i < value.values.length; i++) {
      const found = walk(value.values[i], into);
      if (found === UNREACHABLE) return found;
      if (found !== null) (spine ??= []).push([i, found]);
    }
    return spine ?? null;
  }
  // rendered anew each time: a component's cid is placed, a nested view's container checked,
  // a custom value (an island) given its slot's state
  if (isComponentRef(value) || isNestedRef(value) || isCustom(value)) return { v: value };
  if (Array.isArray(value) || isEach(value)) {
    for (const item of isEach(value) ? value.entries : value) if (walk(item, into) !== null) return UNREACHABLE;
    return null;
  }
  // text, attributes, JS commands, keep() (skipped while its key holds), and streams: a
  // stream's operations change "streams", which a layout placing one has read
  return null;
}
