/**
 * The sockets handed to views and live components: assigns with change tracking, and
 * everything else delegated to the view process through a `ProcessLink`. Their state is
 * private; the process reads it through `socketInternals`, which the package does not
 * export, so a user's socket has no internal fields to trip over.
 */
import { AsyncResult } from "./async-result.js";
import { DEV, warnOnce } from "./errors.js";
import { LiveStream } from "./streams.js";
import type { ViewHandle } from "./pubsub.js";
import type {
  Assigns,
  AsyncResult as AsyncResultType,
  ComponentDef,
  ComponentSocket,
  ConnectInfo,
  LifecycleHooks,
  LifecycleStage,
  NavigateOptions,
  RedirectOptions,
  Socket,
  ViewSocket,
} from "./types.js";
import type { StreamConfig, StreamOptions } from "./streams.js";
import { checkNavigation, type NavigationKind } from "./urls.js";
import type { UploadOptions } from "./upload-types.js";
import { cancelUpload, type ViewUploads } from "./uploads.js";

/** What a socket asks of the view process it belongs to. */
export interface ProcessLink {
  readonly connected: boolean;
  readonly handle: ViewHandle;
  readonly url: URL;
  readonly liveAction: string | undefined;
  readonly parent: ViewHandle | undefined;
  /** A nested view's parent's assigns while it mounts. */
  readonly parentAssigns: Readonly<Assigns> | undefined;
  readonly connectParams: Readonly<Record<string, unknown>> | undefined;
  readonly connectInfo: ConnectInfo | undefined;
  readonly staticChanged: boolean;
  putFlash(kind: string, message: string): void;
  clearFlash(kind?: string): void;
  pushEvent(name: string, payload: unknown): void;
  navigate(kind: NavigationKind, to: string, replace: boolean): void;
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  onEnd(fn: () => void): void;
  broadcast(topic: string, message: unknown, from: boolean): void;
  sendUpdate(def: ComponentDef<any>, id: string, assigns: Assigns): void;
  /** `owner` is the socket starting the work: its outcome goes back to it. */
  startAsync(owner: SocketBase<any>, name: string, fn: (signal: AbortSignal) => Promise<unknown>): void;
  cancelAsync(owner: SocketBase<any>, name: string, reason?: unknown): void;
  streamRef(): string;
  /** Messages a component's `send` delivers: the parent view's info. */
  sendParent(message: unknown): void;
  attachHook(name: string, stage: LifecycleStage, fn: LifecycleHooks<any>[LifecycleStage]): void;
  detachHook(name: string, stage: LifecycleStage): void;
  uploads(): ViewUploads;
}

/** What the view process reads and resets of a socket around each render. */
export interface SocketInternals {
  link(socket: SocketBase<any>): ProcessLink;
  /** Keys changed since the last render ("streams" when a stream has operations pending). */
  changed(socket: SocketBase<any>): ReadonlySet<string>;
  /** The socket's streams, by name (an empty object when it has none). */
  streams(socket: SocketBase<any>): Readonly<Record<string, LiveStream<any>>>;
  /** After a render: forget the changes and the streams' sent operations. */
  rendered(socket: SocketBase<any>): void;
}

const NO_STREAMS: Readonly<Record<string, LiveStream<any>>> = Object.freeze({});
// a render's assigns inherit nothing (no `constructor` or `toString` in a template's reach);
// a frozen empty prototype rather than Object.create(null), whose objects V8 keeps as dictionaries
const NO_PROTOTYPE: object = Object.freeze(Object.create(null));

/** What a template receives: a copy of the socket's assigns that inherits nothing, for the caller to add to. */
export function assignsCopy(socket: SocketBase<any>): Assigns {
  return Object.assign(Object.create(NO_PROTOTYPE) as Assigns, socket.assigns);
}
const ASSIGN_ASYNC = "__assign:";

// set by SocketBase's static block, the one place with access to its private fields
let internals!: SocketInternals;

/** Internal: the process's view of sockets. Not part of the public API. */
export function socketInternals(): SocketInternals {
  return internals;
}

/** The name under which assignAsync runs its work, and the keys it assigns. */
export function assignAsyncKeys(name: string): string[] | undefined {
  return name.startsWith(ASSIGN_ASYNC) ? name.slice(ASSIGN_ASYNC.length).split(",") : undefined;
}

const UNCHANGED: ReadonlySet<string> = new Set();

export class SocketBase<A extends Assigns> implements Socket<A> {
  readonly #link: ProcessLink;
  readonly #assigns: A;
  // dropped after each render: an idle view holds no set
  #changed: Set<string> | undefined;
  // created on first use: most views hold no stream
  #streams: Record<string, LiveStream<any>> | undefined;

  static {
    internals = {
      link: (s) => s.#link,
      changed: (s) => s.#changed ?? UNCHANGED,
      streams: (s) => s.#streams ?? NO_STREAMS,
      rendered(s) {
        s.#changed = undefined;
        if (s.#streams) for (const stream of Object.values(s.#streams)) stream.flush();
      },
    };
  }

  constructor(link: ProcessLink, initial: A) {
    this.#link = link;
    this.#assigns = initial;
  }

  get connected(): boolean {
    return this.#link.connected;
  }

  get assigns(): Readonly<A> {
    return this.#assigns;
  }

  get url(): URL {
    return this.#link.url;
  }

  get changed(): boolean {
    return this.#changed !== undefined && this.#changed.size > 0;
  }

  assign(values: Partial<A>): this;
  assign<K extends keyof A & string>(key: K, value: A[K]): this;
  assign(keyOrValues: string | Partial<A>, value?: unknown): this {
    if (typeof keyOrValues === "string") {
      this.#set(keyOrValues, value);
    } else {
      for (const key of Object.keys(keyOrValues)) this.#set(key, (keyOrValues as Record<string, unknown>)[key]);
    }
    return this;
  }

  assignNew<K extends keyof A & string>(key: K, fn: () => A[K]): this {
    if (key in this.#assigns) return this;
    const shared = this.#link.parentAssigns;
    this.#set(key, shared !== undefined && Object.hasOwn(shared, key) ? (shared[key] as A[K]) : fn());
    return this;
  }

  update<K extends keyof A & string>(key: K, fn: (current: A[K]) => A[K]): this {
    const current = this.#assigns[key];
    if (!DEV || typeof current !== "object" || current === null) return (this.#set(key, fn(current)), this);
    const before = shallowCopy(current);
    const next = fn(current);
    if (next === current && !shallowSame(before, current)) {
      warnOnce(
        `update-mutated:${key}`,
        `update("${key}", fn): fn changed the ${Array.isArray(current) ? "array" : "object"} in place and returned it, so "${key}" did not change and nothing re-renders. Return a copy: [...list, item] or { ...obj, key: value }.`,
      );
    }
    this.#set(key, next);
    return this;
  }

  #set(key: string, value: unknown): void {
    if (key === "__proto__" || key === "constructor" || key === "prototype") {
      throw new TypeError(`"${key}" cannot be used as an assign name`);
    }
    const assigns = this.#assigns as Record<string, unknown>;
    if (key in assigns && assigns[key] === value) return;
    assigns[key] = value;
    (this.#changed ??= new Set()).add(key);
  }

  putFlash(kind: string, message: string): this {
    this.#link.putFlash(kind, message);
    return this;
  }

  clearFlash(kind?: string): this {
    this.#link.clearFlash(kind);
    return this;
  }

  pushEvent(name: string, payload: unknown = {}): this {
    this.#link.pushEvent(name, payload);
    return this;
  }

  pushPatch(to: string, opts: NavigateOptions = {}): this {
    this.#link.navigate("patch", checkNavigation("patch", to, this.#link.url), !!opts.replace);
    return this;
  }

  pushNavigate(to: string, opts: NavigateOptions = {}): this {
    this.#link.navigate("navigate", checkNavigation("navigate", to, this.#link.url), !!opts.replace);
    return this;
  }

  redirect(to: string, opts: RedirectOptions = {}): this {
    this.#link.navigate("redirect", checkNavigation("redirect", to, this.#link.url, !!opts.external), false);
    return this;
  }

  stream<T>(name: string, items: Iterable<T>, opts: StreamOptions & StreamConfig<T> = {}): this {
    const streams = (this.#streams ??= {});
    let s = streams[name] as LiveStream<T> | undefined;
    if (!s) streams[name] = s = new LiveStream<T>(name, this.#link.streamRef(), opts);
    if (opts.reset) s.reset();
    for (const item of items) s.insert(item, opts);
    (this.#changed ??= new Set()).add("streams");
    return this;
  }

  streamInsert<T>(name: string, item: T, opts: Omit<StreamOptions, "reset"> & { updateOnly?: boolean } = {}): this {
    this.#stream<T>(name).insert(item, opts);
    (this.#changed ??= new Set()).add("streams");
    return this;
  }

  streamDelete<T>(name: string, item: T | string): this {
    this.#stream<T>(name).delete(item);
    (this.#changed ??= new Set()).add("streams");
    return this;
  }

  #stream<T>(name: string): LiveStream<T> {
    const s = this.#streams?.[name];
    if (!s) throw new Error(`stream "${name}" is not declared: call socket.stream("${name}", [])`);
    return s as LiveStream<T>;
  }

  assignAsync<K extends keyof A & string>(
    keys: K | K[],
    fn: (signal: AbortSignal) => Promise<{ [P in K]: A[P] extends AsyncResultType<infer R> ? R : unknown }>,
  ): this {
    const list = Array.isArray(keys) ? keys : [keys];
    for (const k of list) this.#set(k, AsyncResult.loading(this.#assigns[k] as AsyncResultType<unknown> | undefined));
    this.#link.startAsync(this, ASSIGN_ASYNC + list.join(","), fn);
    return this;
  }

  startAsync(name: string, fn: (signal: AbortSignal) => Promise<unknown>): this {
    this.#link.startAsync(this, name, fn);
    return this;
  }

  cancelAsync(name: string, reason?: unknown): this {
    this.#link.cancelAsync(this, name, reason);
    this.#link.cancelAsync(this, ASSIGN_ASYNC + name, reason);
    return this;
  }

  sendUpdate<CA extends Assigns>(def: ComponentDef<CA>, id: string, assigns: Partial<CA>): this {
    this.#link.sendUpdate(def, id, assigns);
    return this;
  }

  sendUpdateAfter<CA extends Assigns>(def: ComponentDef<CA>, id: string, assigns: Partial<CA>, ms: number): this {
    const link = this.#link;
    setTimeout(() => link.sendUpdate(def, id, assigns), ms).unref?.();
    return this;
  }

  allowUpload(name: string, opts: UploadOptions<this>): this {
    this.#link.uploads().allow(this, name, opts);
    return this;
  }

  disallowUpload(name: string): this {
    this.#link.uploads().disallow(this, name);
    return this;
  }

  cancelUpload(name: string, ref: unknown): this {
    cancelUpload(this, name, ref);
    return this;
  }
}

export class ViewSocketImpl<A extends Assigns = Assigns> extends SocketBase<A> implements ViewSocket<A> {
  get handle(): ViewHandle {
    return internals.link(this).handle;
  }

  get connectParams(): Readonly<Record<string, unknown>> | undefined {
    return internals.link(this).connectParams;
  }

  get connectInfo(): ConnectInfo | undefined {
    return internals.link(this).connectInfo;
  }

  get staticChanged(): boolean {
    return internals.link(this).staticChanged;
  }

  get liveAction(): string | undefined {
    return internals.link(this).liveAction;
  }

  get parent(): ViewHandle | undefined {
    return internals.link(this).parent;
  }

  send(message: unknown): this {
    internals.link(this).handle.send(message);
    return this;
  }

  sendAfter(message: unknown, ms: number): this {
    const handle = internals.link(this).handle;
    setTimeout(() => handle.send(message), ms).unref?.();
    return this;
  }

  subscribe(topic: string): this {
    internals.link(this).subscribe(topic);
    return this;
  }

  unsubscribe(topic: string): this {
    internals.link(this).unsubscribe(topic);
    return this;
  }

  broadcast(topic: string, message: unknown): this {
    internals.link(this).broadcast(topic, message, false);
    return this;
  }

  broadcastFrom(topic: string, message: unknown): this {
    internals.link(this).broadcast(topic, message, true);
    return this;
  }

  onEnd(fn: () => void): this {
    internals.link(this).onEnd(fn);
    return this;
  }

  attachHook<St extends LifecycleStage>(name: string, stage: St, fn: LifecycleHooks<ViewSocket<A>>[St]): this {
    internals.link(this).attachHook(name, stage, fn);
    return this;
  }

  detachHook(name: string, stage: LifecycleStage): this {
    internals.link(this).detachHook(name, stage);
    return this;
  }
}

export class ComponentSocketImpl<A extends Assigns = Assigns> extends SocketBase<A> implements ComponentSocket<A> {
  readonly myself: number;

  constructor(link: ProcessLink, cid: number) {
    super(link, {} as A);
    this.myself = cid;
  }

  send(message: unknown): this {
    internals.link(this).sendParent(message);
    return this;
  }
}

function shallowCopy(value: object): unknown[] {
  return Array.isArray(value) ? value.slice() : Object.entries(value).flat();
}

function shallowSame(before: unknown[], value: object): boolean {
  const now = shallowCopy(value);
  return now.length === before.length && now.every((v, i) => v === before[i]);
}
