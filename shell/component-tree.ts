/**
 * A view's live components (Phoenix's diff.ex component half): each is found by its
 * definition and id, gets a cid on first appearance, keeps its own assigns and rendered
 * state, and re-renders only when its assigns changed. A render pass sends every changed
 * component under "c"; components sharing a template within one message send their
 * statics once and borrow them by cid.
 *
 * The client removes a component in two steps (cids_will_destroy, then cids_destroyed);
 * one that reappears in between is kept.
 */
import { diffTemplate, renderHtml, type HtmlContext, type NodeState, type RenderContext } from "./diff.js";
import type { ComponentRefValue } from "./refs.js";
import { LagoonError, TemplateError } from "./errors.js";
import { assignsCopy, socketInternals, type ComponentSocketImpl } from "./socket.js";
import { prepare } from "./template.js";
import type { Assigns, ComponentDef } from "./types.js";
import { ROOT, STATIC } from "./wire.js";
import type { ComponentRef } from "./components.js";

export interface ComponentEntry {
  readonly cid: number;
  readonly def: ComponentDef<any>;
  readonly id: string;
  readonly socket: ComponentSocketImpl<any>;
  /** The tree the client holds for this component; undefined until first sent. */
  state: NodeState | undefined;
  lastAssigns: Assigns | undefined;
  queued: boolean;
  markedForDeletion: boolean;
}

const sockets = socketInternals();

export class ComponentTree {
  readonly #owner: string;
  readonly #newSocket: (cid: number) => ComponentSocketImpl<any>;
  readonly #byCid = new Map<number, ComponentEntry>();
  readonly #byDef = new Map<ComponentDef<any>, Map<string, ComponentEntry>>();
  #queue: ComponentEntry[] = [];
  #nextCid = 1;
  /** New assigns for components with updateMany, batched per definition until the render pass runs them. */
  #pending: Map<ComponentDef<any>, [ComponentEntry, Assigns][]> | undefined;
  /** Components placed by the render under way, by definition: two with one id is an error. */
  #placed: Map<ComponentDef<any>, Set<string>> | undefined;

  readonly #max: number;

  /** `owner` names the view in errors; `newSocket` builds the socket of a new component; `max` caps their number. */
  constructor(owner: string, newSocket: (cid: number) => ComponentSocketImpl<any>, max = 10_000) {
    this.#owner = owner;
    this.#newSocket = newSocket;
    this.#max = max;
  }

  get(cid: number): ComponentEntry | undefined {
    return this.#byCid.get(cid);
  }

  find(def: ComponentDef<any>, id: string): ComponentEntry | undefined {
    return this.#byDef.get(def)?.get(id);
  }

  /** The definitions of the components alive now. */
  definitions(): IterableIterator<ComponentDef<any>> {
    return this.#byDef.keys();
  }

  /** A new render pass begins: ids may be used again. */
  beginRender(): void {
    this.#placed = undefined;
  }

  /** Connected render: a component placed in a template; returns its cid and queues it if it changed. */
  place(ref: ComponentRef): number {
    this.#check(ref);
    const entry = this.#resolve(ref);
    if (entry.markedForDeletion) {
      // revived before the client's cids_destroyed: render it whole again, so the components
      // it holds are placed (and revived) too, not only those its changes would re-render
      entry.markedForDeletion = false;
      entry.state = undefined;
    }
    if (entry.state === undefined || entry.socket.changed || this.#pending?.has(entry.def)) this.touch(entry);
    return entry.cid;
  }

  /** Dead render: a component placed in a template, rendered by `html` once its updates ran (`flush`). */
  placeHtml(ref: ComponentRef): ComponentEntry {
    this.#check(ref);
    return this.#resolve(ref);
  }

  /** Dead render: a placed component's HTML. */
  html(entry: ComponentEntry, ctx: HtmlContext): string {
    return renderHtml(entry.def.render(renderAssigns(entry)), ctx);
  }

  /** Runs the batched updateMany calls: one per definition, with every instance placed since the last. */
  flush(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    for (const [def, batch] of pending) {
      sync(def.updateMany!(batch.map(([entry, assigns]) => ({ assigns, socket: entry.socket }))), "updateMany");
      for (const [entry] of batch) this.touch(entry);
    }
  }

  /** Queues a component for the next render pass. */
  touch(entry: ComponentEntry): void {
    if (!entry.queued) {
      entry.queued = true;
      this.#queue.push(entry);
    }
  }

  /** Renders the queued components (and those they place); returns their diffs by cid, if any. */
  render(ctx: RenderContext): Record<string, unknown> | undefined {
    let out: Record<string, unknown> | undefined;
    // fingerprint -> cid whose full statics are in this message: later ones borrow them ("s": cid)
    const shared = new Map<number, number>();
    this.flush();
    // in rounds: the components a round places get their batched updates before the next renders them
    while (this.#queue.length) {
      const round = this.#queue;
      this.#queue = [];
      for (const entry of round) {
        entry.queued = false;
        if (this.#byCid.get(entry.cid) !== entry) continue;
        if (entry.state && !entry.socket.changed) continue;
        const template = entry.def.render(renderAssigns(entry));
        const p = prepare(template.strings);
        if (!p.singleRoot) throw new TemplateError(`component ${entry.def.name ?? entry.cid} must render exactly one root element`);
        const { diff, state } = diffTemplate(template, entry.state, ctx);
        entry.state = state;
        sockets.rendered(entry.socket);
        if (!diff) continue;
        if (diff[STATIC]) {
          diff[ROOT] = 1;
          const owner = shared.get(p.fp);
          if (owner === undefined) shared.set(p.fp, entry.cid);
          else diff[STATIC] = owner;
        }
        (out ??= {})[entry.cid] = diff;
      }
      this.flush();
    }
    return out;
  }

  /** The client no longer shows these: forget them unless they come back before `destroyed`. */
  willDestroy(cids: readonly number[]): void {
    for (const cid of cids) {
      const entry = this.#byCid.get(cid);
      if (entry) entry.markedForDeletion = true;
    }
  }

  /** Forgets the marked ones among `cids`; returns those it forgot. */
  destroyed(cids: readonly number[]): ComponentEntry[] {
    const gone: ComponentEntry[] = [];
    for (const cid of cids) {
      const entry = this.#byCid.get(cid);
      if (!entry || !entry.markedForDeletion) continue;
      this.#byCid.delete(cid);
      this.#byDef.get(entry.def)?.delete(entry.id);
      gone.push(entry);
    }
    return gone;
  }

  #check(ref: ComponentRef): void {
    const placed = (this.#placed ??= new Map());
    let ids = placed.get(ref.def);
    if (!ids) placed.set(ref.def, (ids = new Set()));
    if (ids.has(ref.id)) {
      throw new TemplateError(
        `${this.#owner}: two live components ${ref.def.name ?? "(unnamed)"} with id "${ref.id}" in one render; give each a unique id`,
      );
    }
    ids.add(ref.id);
  }

  #resolve(ref: ComponentRef): ComponentEntry {
    let byId = this.#byDef.get(ref.def);
    if (!byId) this.#byDef.set(ref.def, (byId = new Map()));
    let entry = byId.get(ref.id);
    if (!entry) {
      if (this.#byCid.size >= this.#max) {
        throw new LagoonError(
          "too_many_components",
          `${this.#owner}: more than ${this.#max} live components; page the list or use a stream`,
        );
      }
      const cid = this.#nextCid++;
      const socket = this.#newSocket(cid);
      entry = { cid, def: ref.def, id: ref.id, socket, state: undefined, lastAssigns: undefined, queued: false, markedForDeletion: false };
      byId.set(ref.id, entry);
      this.#byCid.set(cid, entry);
      sync(ref.def.mount?.(socket), "mount");
    }
    if (!shallowEqual(entry.lastAssigns, ref.assigns)) {
      entry.lastAssigns = ref.assigns;
      if (ref.def.updateMany) {
        const pending = (this.#pending ??= new Map());
        const batch = pending.get(ref.def);
        if (batch) batch.push([entry, ref.assigns]);
        else pending.set(ref.def, [[entry, ref.assigns]]);
      } else update(entry, ref.assigns);
    }
    return entry;
  }
}

/** Runs a component's update (or assigns everything) with new assigns from its parent or sendUpdate. */
export function update(entry: ComponentEntry, assigns: Assigns): void {
  const def = entry.def;
  if (def.updateMany) return sync(def.updateMany([{ assigns, socket: entry.socket }]), "updateMany");
  sync(def.update ? def.update(assigns, entry.socket) : entry.socket.assign(assigns), "update");
}

function sync(result: unknown, what: string): void {
  if (result instanceof Promise)
    throw new LagoonError("async_component", `component ${what} must be synchronous; use startAsync for slow work`);
}

function renderAssigns(entry: ComponentEntry): Assigns {
  const assigns = assignsCopy(entry.socket);
  assigns.myself = entry.cid;
  assigns.streams = sockets.streams(entry.socket);
  return assigns;
}

function shallowEqual(a: Assigns | undefined, b: Assigns): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

export type { ComponentRefValue };
