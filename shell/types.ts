/**
 * The types that tie the live core together: what a view and a live component define,
 * and the socket each of them is handed. Interfaces only, so every module can depend on
 * them without depending on each other (socket.ts implements the sockets, process.ts runs
 * the definitions).
 */
import type { FormParams } from "./params.js";
import type { ViewHandle } from "./pubsub.js";
import type { Schema } from "./schema.js";
import type { LiveStream, StreamConfig, StreamOptions } from "./streams.js";
import type { Template } from "./template.js";
import type { UploadOptions } from "./upload-types.js";

/** A view's or a component's state by name: `render` reads it, `socket.assign` changes it. */
export type Assigns = Record<string, any>;
/** Flash messages by kind (`info`, `error`): `assigns.flash` in render, carried to the next view on navigation. */
export type Flash = Record<string, string>;

/**
 * URL params: the query string, decoded like form params (`?tags[]=a&tags[]=b` gives
 * `{ tags: ["a", "b"] }`, `a[b]=c` nests, a repeated plain key keeps its last value), with
 * the path params (`/posts/:id`, always strings) over it. Untrusted: check before use.
 */
export type Params = FormParams;

/** The cookie session the server verified for this request or connection. */
export type Session = Record<string, unknown>;

/** Options of `pushPatch` and `pushNavigate`. */
export interface NavigateOptions {
  /** Replace the current history entry instead of pushing a new one. */
  replace?: boolean;
}

/** Options of `redirect`. */
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

/** How `startAsync` work ended, as `handleAsync` gets it: its value, or its error (the reason, when cancelled). */
export type AsyncOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Assigns with change tracking, plus what views and live components both do. */
export interface Socket<A extends Assigns = Assigns> {
  /** True when the view runs over a live connection; false in the first HTTP render. */
  readonly connected: boolean;
  readonly assigns: Readonly<A>;
  /** The current page URL: a copy on each read, so changing it changes nothing (navigate with pushPatch). */
  readonly url: URL;
  /** True when an assign or stream changed since the last render. */
  readonly changed: boolean;
  /** Sets assigns; a key changes only when its value is not identical to the current one. */
  assign(values: Partial<A>): this;
  assign<K extends keyof A & string>(key: K, value: A[K]): this;
  /**
   * Assigns `key` only when it is not assigned yet (a value an onMount hook may have set).
   * A nested view mounting takes its parent's value of `key`, when the parent has one,
   * without calling `fn` (Phoenix's assign_new: shared assigns need one query per page).
   */
  assignNew<K extends keyof A & string>(key: K, fn: () => A[K]): this;
  /**
   * Assigns `fn(current)`. Return a new value: an array or object changed in place and
   * returned is the same value, so nothing re-renders (development warns about it).
   */
  update<K extends keyof A & string>(key: K, fn: (current: A[K]) => A[K]): this;
  putFlash(kind: string, message: string): this;
  clearFlash(kind?: string): this;
  /** Sends an event to the browser: hooks' handleEvent(name) and window `phx:name` listeners. */
  pushEvent(name: string, payload?: unknown): this;
  /** Changes the URL and calls handleParams on this same view (no new mount); `to` is a path of this site. */
  pushPatch(to: string, opts?: NavigateOptions): this;
  /** Mounts the view at `to` (a path of this site) over the same connection, without a page load. */
  pushNavigate(to: string, opts?: NavigateOptions): this;
  /**
   * A full page load of `to`: a relative URL or an http(s) one on this site, or another
   * site's with `{ external: true }`. Unsafe URLs throw (shell/urls.ts).
   */
  redirect(to: string, opts?: RedirectOptions): this;
  /**
   * Declares or resets a stream and inserts `items`. Render it with
   * `assigns.streams.name.map((item, domId) => html\`<li id=${domId}>...</li>\`)`
   * inside a `phx-update="stream"` container with an id.
   */
  stream<T>(name: string, items: Iterable<T>, opts?: StreamOptions & StreamConfig<T>): this;
  streamInsert<T>(name: string, item: T, opts?: Omit<StreamOptions, "reset"> & { updateOnly?: boolean }): this;
  streamDelete<T>(name: string, item: T | string): this;
  /**
   * Runs `fn` outside the event queue and assigns each returned key as an AsyncResult:
   * loading at once, then ok (or failed). Abandoned when the view ends.
   */
  assignAsync<K extends keyof A & string>(
    keys: K | K[],
    fn: (signal: AbortSignal) => Promise<{ [P in K]: A[P] extends AsyncResult<infer R> ? R : unknown }>,
  ): this;
  /** Runs `fn` outside the event queue; its outcome arrives in the `handleAsync` callback under `name`. */
  startAsync(name: string, fn: (signal: AbortSignal) => Promise<unknown>): this;
  /**
   * Aborts running work (its signal fires; a late result is ignored). As in Phoenix, the
   * cancellation is its outcome: `handleAsync` gets `{ ok: false, error: reason }`, and an
   * `assignAsync` key becomes failed. Cancel an assignAsync with its keys joined by ",".
   */
  cancelAsync(name: string, reason?: unknown): this;
  /** Re-renders a live component with new assigns (runs its update). */
  sendUpdate<CA extends Assigns>(def: ComponentDef<CA>, id: string, assigns: Partial<CA>): this;
  /** sendUpdate after `ms` milliseconds, if the view and the component are still there. */
  sendUpdateAfter<CA extends Assigns>(def: ComponentDef<CA>, id: string, assigns: Partial<CA>, ms: number): this;
  /**
   * Allows file uploads under `name` (in mount): `assigns.uploads[name]` then holds its
   * entries; render its input with `liveFileInput(assigns.uploads.name)`. See the README, "Uploads".
   */
  allowUpload(name: string, opts: UploadOptions<this>): this;
  /** Removes an upload that has no entries. */
  disallowUpload(name: string): this;
  /** Cancels an entry (a cancel button's `phx-value-ref`); its bytes are dropped. An unknown ref changes nothing. */
  cancelUpload(name: string, ref: unknown): this;
}

/** The socket of a live view: assigns plus messaging (PubSub, info to itself) and what the browser connected with. */
export interface ViewSocket<A extends Assigns = Assigns> extends Socket<A> {
  /** The view's pid-like handle others can `send` info messages to. */
  readonly handle: ViewHandle;
  /** The action of the route the URL matched (`live(path, View, "edit")`), updated on patch. */
  readonly liveAction: string | undefined;
  /** A nested view's parent (`parent.send(message)` reaches its `info`); undefined for a routed or sticky view. */
  readonly parent: ViewHandle | undefined;
  /**
   * The `params` the browser bundle connected with (LiveSocket's `params`: the time zone,
   * say), plus the client's own `_mounts` and `_track_static`. Undefined in the HTTP
   * render. Untrusted input, like any client value.
   */
  readonly connectParams: Readonly<Record<string, unknown>> | undefined;
  /** The connection's peer address, user agent and x-* headers; undefined in the HTTP render. */
  readonly connectInfo: ConnectInfo | undefined;
  /**
   * The page's `phx-track-static` assets differ from the running build's (a deploy since
   * the page loaded): show a "new version, reload" notice. False in the HTTP render.
   */
  readonly staticChanged: boolean;
  /** Sends a message to this view's `info` handler, after the current one finishes. */
  send(message: unknown): this;
  /** Delivers `message` to `info` after `ms` milliseconds, if the view is still alive. */
  sendAfter(message: unknown, ms: number): this;
  /** Receives broadcasts on `topic` in `info` until the view ends. Connected views only. */
  subscribe(topic: string): this;
  unsubscribe(topic: string): this;
  /** Sends `message` to every view subscribed to `topic`, this one included. */
  broadcast(topic: string, message: unknown): this;
  /** Sends `message` to every view subscribed to `topic` except this one. */
  broadcastFrom(topic: string, message: unknown): this;
  /**
   * Runs `fn` once when the view ends (disconnect, navigation, crash), after `terminate`:
   * for resources tied to the view's life, such as a presence entry.
   */
  onEnd(fn: () => void): this;
  /**
   * Attaches a lifecycle hook, usually from a live session's onMount: it runs before the
   * view's own callback for that stage, and can halt it. Names are unique per stage.
   */
  attachHook<St extends LifecycleStage>(name: string, stage: St, fn: LifecycleHooks<ViewSocket<A>>[St]): this;
  detachHook(name: string, stage: LifecycleStage): this;
}

/** The stages a lifecycle hook can attach to. */
export type LifecycleStage = "handleParams" | "handleEvent" | "handleInfo" | "afterRender";

/**
 * What a hook returns: nothing or `"cont"` to go on, `"halt"` to stop (later hooks and the
 * view's callback do not run), or `{ reply }` to halt a handleEvent with that reply (for any binding).
 */
export type HookResult = void | "cont" | "halt" | { readonly reply: unknown };

/** The hook of each lifecycle stage (`attachHook`), for a socket `S`; each runs before the view's own callback. */
export interface LifecycleHooks<S> {
  /** After mount and on every URL patch. */
  handleParams: (params: Params, url: URL, socket: S) => HookResult | Promise<HookResult>;
  /** Every event for the view (not its components), known to the view or not: layout events can live here. */
  handleEvent: (event: string, params: Params, socket: S) => HookResult | Promise<HookResult>;
  /** Every message for the view's `info`. */
  handleInfo: (message: unknown, socket: S) => HookResult | Promise<HookResult>;
  /** After each render; synchronous; what it assigns renders next time. */
  afterRender: (socket: S) => void;
}

/** The socket of a live component: its own assigns; `send` goes to the parent view's `info`. */
export interface ComponentSocket<A extends Assigns = Assigns> extends Socket<A> {
  /** The component's target: render it as `phx-target=${myself}` so events come here. */
  readonly myself: number;
  /** Sends a message to the parent view's `info` handler. */
  send(message: unknown): this;
}

/** What `render` receives: the view's assigns plus the flash and its streams. */
export type RenderAssigns<A extends Assigns> = A & {
  readonly flash: Flash;
  readonly streams: A extends { streams: infer S } ? S : Record<string, LiveStream<any>>;
};

/**
 * What a component's render gets: its own assigns and `myself`. The flash is the view's
 * (render it in the view or layout); pass a component what it needs as assigns.
 */
export type ComponentRenderAssigns<A extends Assigns> = A & { readonly myself: number };

/**
 * An event handler. Its return value, if not undefined (and not the socket), is the event's reply, which a hook's
 * `pushEvent` promise resolves with.
 */
export type EventHandler<S, P = any> = (params: P, socket: S) => unknown;

/** An event handler with a params schema: a payload that fails it is refused and changes nothing. */
export interface ValidatedEvent<S, P> {
  readonly params: Schema<P>;
  readonly handle: EventHandler<S, P>;
}

export type EventSpec<S> = EventHandler<S> | ValidatedEvent<S, any>;

/** What a live view defines: `defineView({ mount, events, render, ... })`. */
export interface ViewDef<A extends Assigns = Assigns> {
  /** For errors and telemetry; defaults to "view". */
  readonly name?: string;
  /** Runs for the HTTP render (socket.connected false) and again on connect (true). */
  mount?(params: Params, session: Session, socket: ViewSocket<A>): void | Promise<void>;
  /** Runs after mount and on every patch of the URL. */
  handleParams?(params: Params, url: URL, socket: ViewSocket<A>): void | Promise<void>;
  /** Handlers by event name (`phx-click="save"`); `event(schema, fn)` checks the params first. */
  readonly events?: Record<string, EventSpec<ViewSocket<A>>>;
  /** Messages from socket.send, PubSub broadcasts and other code holding the view's handle. */
  info?(message: any, socket: ViewSocket<A>): void | Promise<void>;
  /** Outcome of socket.startAsync(name, fn). */
  handleAsync?(name: string, outcome: AsyncOutcome, socket: ViewSocket<A>): void | Promise<void>;
  /** The view's markup from its assigns; runs again after every change. */
  render(assigns: RenderAssigns<A>): Template;
  /**
   * The layout this view renders in instead of its live session's (Phoenix's
   * `use Phoenix.LiveView, layout: ...`); `false` for none. Live navigation to and from the
   * view stays inside the live session. A nested view renders inside its parent and has none.
   */
  readonly layout?: ((inner: Template, assigns: RenderAssigns<A>) => Template) | false;
  /** The view is going away (navigation, disconnect, crash). Must not throw. */
  terminate?(reason: string, socket: ViewSocket<A>): void;
}

/** What a live component defines: `defineComponent({ mount, update, events, render })`. */
export interface ComponentDef<A extends Assigns = Assigns> {
  /** Names it in error messages. */
  readonly name?: string;
  /** Once, when the component first appears. Synchronous. */
  mount?(socket: ComponentSocket<A>): void;
  /** Each time the parent renders it with new assigns; the default assigns them all. Synchronous. */
  update?(assigns: Partial<A>, socket: ComponentSocket<A>): void;
  /**
   * Instead of `update`: once per render for every instance that got new assigns (one query
   * for all rows, not one per row). sendUpdate calls it with one. Synchronous.
   */
  updateMany?(batch: readonly { readonly assigns: Partial<A>; readonly socket: ComponentSocket<A> }[]): void;
  /** Handlers of the events sent to it (`phx-target=${myself}`); `event(schema, fn)` checks the params first. */
  readonly events?: Record<string, EventSpec<ComponentSocket<A>>>;
  /** Outcome of socket.startAsync(name, fn). */
  handleAsync?(name: string, outcome: AsyncOutcome, socket: ComponentSocket<A>): void | Promise<void>;
  /** Must render exactly one root element. */
  render(assigns: ComponentRenderAssigns<A>): Template;
}
