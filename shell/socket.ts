import type { ComponentDef } from "./components.js";
import { LiveStream, type StreamConfig, type StreamOptions } from "./streams.js";
import type { ViewHandle } from "./pubsub.js";
import type { Infer, Schema } from "./schema.js";
import { DEV, warnOnce } from "./errors.js";
import { checkNavigation } from "./urls.js";
import { ISLAND_COMMAND } from "./wire.js";

export type Assigns = Record<string, any>;
export type Flash = Record<string, string>;

export interface NavigateOptions {
  /** Replace the current history entry instead of pushing a new one. */
  replace?: boolean;
}

export interface RedirectOptions {
  /** The target is another site: required for an absolute URL on another origin. */
  external?: boolean;
}

/**
 * What the browser's connection told the server (Phoenix's connect_info), for connected
 * mounts. Forwarded headers are not trusted unless the app sets `trustProxy`.
 */
export interface ConnectInfo {
  /** The peer's address: the socket's, or the proxy-forwarded one under `trustProxy`. */
  readonly address: string;
  readonly userAgent: string | undefined;
  /** The upgrade request's `x-*` headers, as sent (untrusted). */
  readonly xHeaders: Readonly<Record<string, string>>;
}

/** The state of one `assignAsync` key: loading, then ok with a result, or failed. */
export interface AsyncResult<T> {
  readonly loading: boolean;
  readonly ok: boolean;
  readonly result: T | undefined;
  readonly failed: unknown;
}

export const AsyncResult = {
  loading<T>(previous?: AsyncResult<T>): AsyncResult<T> {
    return { loading: true, ok: previous?.ok ?? false, result: previous?.result, failed: undefined };
  },
  ok<T>(result: T): AsyncResult<T> {
    return { loading: false, ok: true, result, failed: undefined };
  },
  failed<T>(reason: unknown, previous?: AsyncResult<T>): AsyncResult<T> {
    return { loading: false, ok: previous?.ok ?? false, result: previous?.result, failed: reason };
  },
};

/** What pushCommand needs of an island contract (islands/contract.ts): its name and command schemas. */
export interface CommandTarget<Commands extends Record<string, Schema<any>>> {
  readonly name: string;
  readonly commands: Commands;
}

/** What a socket asks of the view process it belongs to (internal). */
export interface ProcessLink {
  readonly connected: boolean;
  readonly handle: ViewHandle;
  readonly url: URL;
  putFlash(kind: string, message: string): void;
  clearFlash(kind?: string): void;
  pushEvent(name: string, payload: unknown): void;
  navigate(kind: "patch" | "navigate" | "redirect", to: string, replace: boolean): void;
  readonly connectParams: Readonly<Record<string, unknown>> | undefined;
  readonly connectInfo: ConnectInfo | undefined;
  readonly staticChanged: boolean;
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  onEnd(fn: () => void): void;
  broadcast(topic: string, message: unknown, from: boolean): void;
  sendUpdate(def: ComponentDef<any>, id: string, assigns: Assigns): void;
  startAsync(owner: BaseSocket<any>, name: string, fn: (signal: AbortSignal) => Promise<unknown>): void;
  cancelAsync(owner: BaseSocket<any>, name: string, reason?: unknown): void;
  streamRef(): string;
}

/**
 * Assigns with change tracking: `assign` marks a key changed only when its value is not
 * identical to the current one, so an event that changes nothing renders nothing.
 */
export class BaseSocket<A extends Assigns> {
  /** @internal */ readonly __link: ProcessLink;
  #assigns: A;
  /** @internal keys changed since the last render */
  __changed = new Set<string>();
  /** @internal */ __streams: Record<string, LiveStream<any>> = {};

  constructor(link: ProcessLink, initial: A) {
    this.__link = link;
    this.#assigns = initial;
  }

  /** True when the view runs over a live connection; false in the first HTTP render. */
  get connected(): boolean {
    return this.__link.connected;
  }

  get assigns(): Readonly<A> {
    return this.#assigns;
  }

  /** The current page URL. */
  get url(): URL {
    return this.__link.url;
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

  /** Assigns only the keys not assigned yet (for values shared by onMount hooks). */
  assignNew<K extends keyof A & string>(key: K, fn: () => A[K]): this {
    if (!(key in this.#assigns)) this.#set(key, fn());
    return this;
  }

  /**
   * Assigns `fn(current)`. Return a new value: an array or object changed in place and
   * returned is the same value, so nothing re-renders (development warns about it).
   */
  update<K extends keyof A & string>(key: K, fn: (current: A[K]) => A[K]): this {
    const current = this.#assigns[key];
    if (DEV && typeof current === "object" && current !== null) {
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
    this.#set(key, fn(current));
    return this;
  }

  #set(key: string, value: unknown): void {
    if (key === "__proto__" || key === "constructor" || key === "prototype") {
      throw new TypeError(`"${key}" cannot be used as an assign name`);
    }
    const assigns = this.#assigns as Record<string, unknown>;
    if (key in assigns && assigns[key] === value) return;
    assigns[key] = value;
    this.__changed.add(key);
  }

  /** True when an assign or stream changed since the last render. */
  get changed(): boolean {
    return this.__changed.size > 0;
  }

  putFlash(kind: string, message: string): this {
    this.__link.putFlash(kind, message);
    return this;
  }

  clearFlash(kind?: string): this {
    this.__link.clearFlash(kind);
    return this;
  }

  /** Sends an event to the browser: hooks' handleEvent(name) and window `phx:name` listeners. */
  pushEvent(name: string, payload: unknown = {}): this {
    this.__link.pushEvent(name, payload);
    return this;
  }

  /**
   * Sends a typed command to the island with DOM id `id`: its `on(command, handler)`
   * handlers get the payload, parsed by the contract in the browser. Rides on a push event.
   */
  pushCommand<Commands extends Record<string, Schema<any>>, K extends keyof Commands & string>(
    island: CommandTarget<Commands>,
    id: string,
    command: K,
    payload: Infer<Commands[K]>,
  ): this {
    this.__link.pushEvent(ISLAND_COMMAND + id, { island: island.name, command, payload });
    return this;
  }

  /**
   * Changes the URL and calls handleParams on this same view (no new mount). `to` is a
   * path of this site; anything else throws (shell/urls.ts).
   */
  pushPatch(to: string, opts: NavigateOptions = {}): this {
    this.__link.navigate("patch", checkNavigation("patch", to, this.__link.url), !!opts.replace);
    return this;
  }

  /** Mounts the view at `to` (a path of this site) over the same connection, without a page load. */
  pushNavigate(to: string, opts: NavigateOptions = {}): this {
    this.__link.navigate("navigate", checkNavigation("navigate", to, this.__link.url), !!opts.replace);
    return this;
  }

  /**
   * A full page load of `to`: a relative URL or an http(s) one on this site, or another
   * site's with `{ external: true }`. Unsafe URLs throw (shell/urls.ts).
   */
  redirect(to: string, opts: RedirectOptions = {}): this {
    this.__link.navigate("redirect", checkNavigation("redirect", to, this.__link.url, !!opts.external), false);
    return this;
  }

  /**
   * Declares or resets a stream and inserts `items`. Render it with
   * `assigns.streams.name.map((item, domId) => html\`<li id=${domId}>...</li>\`)`
   * inside a `phx-update="stream"` container with an id.
   */
  stream<T>(name: string, items: Iterable<T>, opts: StreamOptions & StreamConfig<T> = {}): this {
    let s = this.__streams[name] as LiveStream<T> | undefined;
    if (!s) {
      s = new LiveStream<T>(name, this.__link.streamRef(), opts);
      this.__streams[name] = s;
    }
    if (opts.reset) s.reset();
    for (const item of items) s.insert(item, opts);
    this.__changed.add("streams");
    return this;
  }

  streamInsert<T>(name: string, item: T, opts: StreamOptions & { updateOnly?: boolean } = {}): this {
    const s = this.#stream<T>(name);
    s.insert(item, opts);
    this.__changed.add("streams");
    return this;
  }

  streamDelete<T>(name: string, item: T | string): this {
    this.#stream<T>(name).delete(item);
    this.__changed.add("streams");
    return this;
  }

  #stream<T>(name: string): LiveStream<T> {
    const s = this.__streams[name];
    if (!s) throw new Error(`stream "${name}" is not declared: call socket.stream("${name}", [])`);
    return s as LiveStream<T>;
  }

  /**
   * Runs `fn` outside the event queue and assigns each returned key as an AsyncResult:
   * loading at once, then ok (or failed). Abandoned when the view ends.
   */
  assignAsync<K extends keyof A & string>(
    keys: K | K[],
    fn: (signal: AbortSignal) => Promise<{ [P in K]: A[P] extends AsyncResult<infer R> ? R : unknown }>,
  ): this {
    const list = Array.isArray(keys) ? keys : [keys];
    for (const k of list) this.#set(k, AsyncResult.loading(this.#assigns[k] as AsyncResult<unknown> | undefined));
    this.__link.startAsync(this, `__assign:${list.join(",")}`, fn);
    return this;
  }

  /** Runs `fn` outside the event queue; its outcome arrives in the `handleAsync` callback under `name`. */
  startAsync(name: string, fn: (signal: AbortSignal) => Promise<unknown>): this {
    this.__link.startAsync(this, name, fn);
    return this;
  }

  /**
   * Aborts running work (its signal fires; a late result is ignored). As in Phoenix, the
   * cancellation is its outcome: `handleAsync` gets `{ ok: false, error: reason }`, and an
   * `assignAsync` key becomes failed. Cancel an assignAsync with its keys joined by ",".
   */
  cancelAsync(name: string, reason?: unknown): this {
    this.__link.cancelAsync(this, name, reason);
    this.__link.cancelAsync(this, `__assign:${name}`, reason);
    return this;
  }

  /** Re-renders a live component with new assigns (runs its update). */
  sendUpdate<CA extends Assigns>(def: ComponentDef<CA>, id: string, assigns: Partial<CA>): this {
    this.__link.sendUpdate(def, id, assigns);
    return this;
  }
}

/** The socket of a live view: assigns plus messaging (PubSub, info to itself). */
export class ViewSocket<A extends Assigns = Assigns> extends BaseSocket<A> {
  /**
   * The `params` the browser bundle connected with (LiveSocket's `params`: the time zone,
   * say), plus the client's own `_mounts` and `_track_static`. Undefined in the HTTP
   * render. Untrusted input, like any client value.
   */
  get connectParams(): Readonly<Record<string, unknown>> | undefined {
    return this.__link.connectParams;
  }

  /** The connection's peer address, user agent and x-* headers; undefined in the HTTP render. */
  get connectInfo(): ConnectInfo | undefined {
    return this.__link.connectInfo;
  }

  /**
   * The page's `phx-track-static` assets differ from the running build's (a deploy since
   * the page loaded): show a "new version, reload" notice. False in the HTTP render.
   */
  get staticChanged(): boolean {
    return this.__link.staticChanged;
  }

  /** The view's id: a pid-like handle others can `send` info messages to. */
  get handle(): ViewHandle {
    return this.__link.handle;
  }

  /** Sends a message to this view's `info` handler, after the current one finishes. */
  send(message: unknown): this {
    this.__link.handle.send(message);
    return this;
  }

  /** Delivers `message` to `info` after `ms` milliseconds, if the view is still alive. */
  sendAfter(message: unknown, ms: number): this {
    const handle = this.__link.handle;
    setTimeout(() => handle.send(message), ms).unref?.();
    return this;
  }

  /** Receives broadcasts on `topic` in `info` until the view ends. Connected views only. */
  subscribe(topic: string): this {
    this.__link.subscribe(topic);
    return this;
  }

  /**
   * Runs `fn` once when the view ends (disconnect, navigation, crash), after `terminate`:
   * for resources tied to the view's life, such as a presence entry.
   */
  onEnd(fn: () => void): this {
    this.__link.onEnd(fn);
    return this;
  }

  unsubscribe(topic: string): this {
    this.__link.unsubscribe(topic);
    return this;
  }

  /** Sends `message` to every view subscribed to `topic`, this one included. */
  broadcast(topic: string, message: unknown): this {
    this.__link.broadcast(topic, message, false);
    return this;
  }

  /** Sends `message` to every view subscribed to `topic` except this one. */
  broadcastFrom(topic: string, message: unknown): this {
    this.__link.broadcast(topic, message, true);
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
