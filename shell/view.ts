import type { FormParams } from "./params.js";
import type { Schema } from "./schema.js";
import type { Assigns, Flash, ViewSocket } from "./socket.js";
import type { LiveStream } from "./streams.js";
import type { Template } from "./template.js";

/**
 * URL params: the query string, decoded like form params (`?tags[]=a&tags[]=b` gives
 * `{ tags: ["a", "b"] }`, `a[b]=c` nests, a repeated plain key keeps its last value), with
 * the path params (`/posts/:id`, always strings) over it. Untrusted: check before use.
 */
export type Params = FormParams;

/** The cookie session the server verified for this request or connection. */
export type Session = Record<string, unknown>;

/** What `render` receives: the view's assigns plus the flash and its streams. */
export type RenderAssigns<A extends Assigns> = A & {
  readonly flash: Flash;
  readonly streams: A extends { streams: infer S } ? S : Record<string, LiveStream<any>>;
};

/**
 * An event handler. Its return value, if not undefined, is the reply a hook's
 * `pushEvent` promise resolves with.
 */
export type EventHandler<S, P = any> = (params: P, socket: S) => unknown;

/** An event handler with a params schema: a payload that fails it gets an error reply and changes nothing. */
export interface ValidatedEvent<S, P> {
  readonly params: Schema<P>;
  readonly handle: EventHandler<S, P>;
}

export type EventSpec<S> = EventHandler<S> | ValidatedEvent<S, any>;

/** Declares an event with a schema, inferring the handler's params type from it. */
export function event<P, S = any>(params: Schema<P>, handle: EventHandler<S, P>): ValidatedEvent<S, P> {
  return { params, handle };
}

export type AsyncOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface ViewDef<A extends Assigns = Assigns> {
  /** For errors and telemetry; defaults to "view". */
  readonly name?: string;
  /** Runs for the HTTP render (socket.connected false) and again on connect (true). */
  mount?(params: Params, session: Session, socket: ViewSocket<A>): void | Promise<void>;
  /** Runs after mount and on every patch of the URL. */
  handleParams?(params: Params, url: URL, socket: ViewSocket<A>): void | Promise<void>;
  readonly events?: Record<string, EventSpec<ViewSocket<A>>>;
  /** Messages from socket.send, PubSub broadcasts and other code holding the view's handle. */
  info?(message: any, socket: ViewSocket<A>): void | Promise<void>;
  /** Outcome of socket.startAsync(name, fn). */
  handleAsync?(name: string, outcome: AsyncOutcome, socket: ViewSocket<A>): void | Promise<void>;
  render(assigns: RenderAssigns<A>): Template;
  /** The view is going away (navigation, disconnect, crash). Must not throw. */
  terminate?(reason: string, socket: ViewSocket<A>): void;
}

export function defineView<A extends Assigns = Assigns>(def: ViewDef<A>): ViewDef<A> {
  return def;
}
