/**
 * Telemetry spans, as the core produces them: a view's own (mount, messages, renders,
 * crashes), what the connection sees of it (join, reconnect, leave), what browsers
 * report of their pages (client), and islands that failed (island_error). The server
 * publishes them (server/telemetry.ts); the core only builds them, after each reply is
 * sent, and only when someone observes.
 */

/**
 * A span of one view's life. Message spans (handle_params, event, info, async) cover the
 * handler, the render and the reply.
 */
export interface ViewEvent {
  readonly name: "mount" | "handle_params" | "event" | "info" | "async" | "render" | "crash";
  /** The view's name (ViewDef.name). */
  readonly view: string;
  /** The route's path pattern ("/posts/:id"): bounded, unlike URLs. */
  readonly route: string;
  /** The view's DOM id; its channel topic is `lv:<id>`. */
  readonly id: string;
  /** False for the HTTP render's mount. */
  readonly connected: boolean;
  /**
   * event: the event's name, only when the view or component defines it (client input
   * never becomes a label); crash: the phase that threw.
   */
  readonly event?: string;
  /** Milliseconds (0 for crash). */
  readonly duration: number;
  /** Bytes of the frames carrying diffs this span sent, when the host measures them. */
  readonly bytes?: number;
  /** event: the reason the event was refused (unknown_event, invalid_params, an EventRejected code). */
  readonly refused?: string;
}

/** What the live connection reports about a view, beside the view's own spans. */
export interface ConnectionEvent {
  /**
   * join: a view answered a join (`ok`: it mounted; `rejoin`: the client had joined it
   * before). reconnect: a join with `rejoin` (the client's `_mounts` > 0), once more under
   * its own name so it can be counted alone. leave: a joined view went away, for `reason`.
   */
  readonly name: "join" | "reconnect" | "leave";
  readonly view: string;
  readonly route: string;
  readonly id: string;
  readonly connected: true;
  /** join, reconnect: from the join frame to the reply (mount and first render). leave: time joined. */
  readonly duration: number;
  /** join, reconnect: the mount succeeded. */
  readonly ok?: boolean;
  readonly rejoin?: boolean;
  /** join, reconnect: bytes of the reply with the full render. */
  readonly bytes?: number;
  /** leave: "leave", "disconnect", "replaced", "close" (the view navigated away) or "crash". */
  readonly reason?: string;
}

/** What a browser measures of a page; `reconnect` names why its socket had closed. */
export type ClientSignalKind = "event" | "join" | "reconnect" | "error" | "hydrate" | "lcp" | "inp" | "cls";

/** Why a browser's socket had closed, as its reconnect reports it (read from the close code). */
export type ReconnectCause =
  | "going_away"
  | "connection_lost"
  | "heartbeat_timeout"
  | "policy"
  | "server_error"
  | "protocol"
  | "client"
  | "other";

/**
 * A browser's report about its page (shell/signals.ts), received over the live socket:
 * measured there, so never trusted beyond telemetry; validated, clamped and labelled with
 * bounded names here.
 */
export interface ClientEvent {
  readonly name: "client";
  readonly kind: ClientSignalKind;
  /** The view it concerns (the page's main view for vitals and errors); "unknown" when not joined on the connection. */
  readonly view: string;
  /** That view's route pattern, or "unknown". */
  readonly route: string;
  /** event: the event's name when the view or one of its components defines it, else "unknown". */
  readonly event?: string;
  /** error, hydrate: the island's name (a bounded set, then "other"); "" for an error from no island. */
  readonly island?: string;
  readonly cause?: ReconnectCause;
  /** Milliseconds (event and join: pushed to patched, as the user felt it; reconnect: time without a socket); cls: the score. */
  readonly value: number;
}

/**
 * Where an island failed: its server render threw ("server": the view rendered its fallback
 * instead), its code or props could not be loaded ("load"), it threw rendering in the browser
 * ("render": the page keeps its HTML, marked), its hydration did not match the server's HTML
 * ("hydration": React rendered it anew), or commands to it were dropped ("commands").
 */
export type IslandErrorPhase = "server" | "load" | "render" | "hydration" | "commands";

/**
 * An island failed, on the server or in a browser (reported over the signals channel, so
 * never trusted beyond telemetry). The island stays alone in its failure: its view lives on.
 */
export interface IslandErrorEvent {
  readonly name: "island_error";
  /** The view it sits in ("unknown" when a browser named none joined on its connection). */
  readonly view: string;
  readonly route: string;
  /** The view's DOM id ("" when unknown). */
  readonly id: string;
  /** The island's name: from code on the server, a bounded set (then "other") from browsers. */
  readonly island: string;
  /** Its DOM id: `${island}#${islandId}` names the island on the page. */
  readonly islandId: string;
  readonly phase: IslandErrorPhase;
}

/**
 * An island's server render (React to HTML, in the HTTP render of its view's page): how long
 * it took, so that a slow one is found by its view and island.
 */
export interface IslandRenderEvent {
  readonly name: "island_render";
  readonly view: string;
  readonly route: string;
  /** The view's DOM id. */
  readonly id: string;
  /** The island's name (from code). */
  readonly island: string;
  /** Its DOM id. */
  readonly islandId: string;
  /** Milliseconds. */
  readonly duration: number;
}

/** Every telemetry event: a view's spans, the connection's, what browsers report, and island failures; `name` tells them apart. */
export type TelemetryEvent = ViewEvent | ConnectionEvent | ClientEvent | IslandErrorEvent | IslandRenderEvent;

/** Receives spans. `wants` says whether a span's costly measures (frame bytes) are worth taking. */
export interface SpanObserver {
  emit(event: TelemetryEvent): void;
  /** Someone listens to `name` (or, without one, to anything). */
  wants(name?: TelemetryEvent["name"]): boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The measures of the message a view is handling, collected as it runs and turned into
 * spans once it is answered.
 */
export class SpanRecorder {
  event: string | undefined;
  refused: string | undefined;
  render: number | undefined;
  bytes = 0;

  reset(): void {
    this.event = undefined;
    this.refused = undefined;
    this.render = undefined;
    this.bytes = 0;
  }

  /** Adds the time of a render that produced something: their rate is the render frequency. */
  rendered(ms: number): void {
    this.render = (this.render ?? 0) + ms;
  }
}

/** What names a view in its spans, and where they go. */
export interface SpanSource {
  readonly name: string;
  readonly route: { readonly path: string };
  readonly id: string;
  readonly connected: boolean;
  readonly services: { readonly spans?: SpanObserver | undefined };
  readonly span: SpanRecorder;
}

/** Emits a span of `source`'s view (nothing without an observer). */
export function observeView(
  source: SpanSource,
  name: ViewEvent["name"],
  duration: number,
  extra?: { event?: string; bytes?: number; refused?: string },
): void {
  const spans = source.services.spans;
  if (!spans) return;
  const span: Mutable<ViewEvent> = {
    name,
    view: source.name,
    route: source.route.path,
    id: source.id,
    connected: source.connected,
    duration,
  };
  if (extra?.event !== undefined) span.event = extra.event;
  if (extra?.bytes) span.bytes = extra.bytes;
  if (extra?.refused !== undefined) span.refused = extra.refused;
  spans.emit(span);
}

/** A handled message's spans: its renders' time, then its own (a mount's is the join's, which its channel times). */
export function observeMessage(source: SpanSource, phase: ViewEvent["name"], started: number): void {
  const duration = performance.now() - started;
  const span = source.span;
  if (span.render !== undefined) observeView(source, "render", span.render);
  if (phase !== "mount") observeView(source, phase, duration, span);
}
