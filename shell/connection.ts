/**
 * One live connection speaking the Phoenix channel protocol (what Phoenix calls the
 * socket): frames `[join_ref, ref, topic, event, payload]`, heartbeats, and one view
 * channel per joined `lv:<id>` topic. Transport-free: server/ws.ts feeds it WebSocket
 * frames, the test client an in-memory connection, so both take one path from frame to
 * diff.
 *
 * Untrusted input: every frame is checked before use; a bad frame gets an error reply (or,
 * when it cannot be answered, the connection closes with 1007), and never affects another
 * view or connection.
 */
import type { Admission } from "./admission.js";
import { componentsDestroyed, componentsWillDestroy } from "./component-events.js";
import { ViewChannel, type ChannelOwner } from "./channel.js";
import type { ViewServices } from "./internal.js";
import { sanitizeValue } from "./params.js";
import { LiveViewProcess } from "./process.js";
import type { ViewHandle } from "./pubsub.js";
import type { LiveRoute, Router } from "./router.js";
import { MAX_NESTING, nestedRoute, nestedSession, nestedView } from "./nested.js";
import { SIGNALS_TOPIC, SignalsChannel } from "./signals.js";
import type { SpanObserver } from "./spans.js";
import type { Tokens, ViewToken } from "./tokens.js";
import type { Conn } from "./transport.js";
import type { Assigns, ConnectInfo, Flash, Params, Session } from "./types.js";
import { BINARY_HEADER_MAX, decodeBinaryPush, UploadChannels } from "./upload-channel.js";
import { preflight, uploadProgress } from "./upload-events.js";
import type { UploadStore } from "./upload-types.js";

export interface ConnectionLimits {
  /** Views one connection may have joined at once (default 64). */
  maxViews: number;
  /** Largest frame the transport accepts, in bytes: upload chunks are sized to fit. The live socket sets it from `maxPayload`. */
  maxFrame?: number;
}

/** A verified cookie session: Lagoon's `sid`, and what the app stores. */
export type ConnectionSession = Session & { readonly sid: string };

export interface ConnectionContext {
  readonly conn: Conn;
  /** The cookie session read at connect (null: none or forged). */
  readonly session: ConnectionSession | null;
  /** The connect params carried a valid CSRF token for that session. */
  readonly csrfOk: boolean;
  readonly router: Router;
  readonly tokens: Tokens;
  readonly services: ViewServices;
  readonly limits: ConnectionLimits;
  /** The connection's peer address, user agent and x-* headers, for views' connectInfo. */
  readonly info: ConnectInfo;
  /** Paths of the running build's phx-track-static assets, to tell views a deploy happened. */
  readonly trackedStatic?: readonly string[];
  /** Process-wide budgets (views per user, memory), and whom this connection's views count against. */
  readonly admission?: { readonly budget: Admission; readonly owner: string };
  /** Where upload channels write the bytes they receive (temporary files); none: uploads are refused. */
  readonly uploads?: UploadStore;
}

const TOPIC_MAX = 200;

/** Where a joining view mounts. */
interface Placement {
  readonly route: LiveRoute;
  readonly params: Params;
  readonly url: URL;
  /** Joined by live navigation (the flash travels in the join, not the token). */
  readonly navigated: boolean;
  readonly nested?: { readonly parent: ViewHandle | undefined; readonly depth: number };
  readonly parentAssigns?: Readonly<Assigns>;
}
const NO_VIEWS: readonly ViewChannel[] = Object.freeze([]);
const isRef = (v: unknown): v is string | null => v === null || (typeof v === "string" && v.length <= 64);

export class LiveConnection implements ChannelOwner {
  readonly #ctx: ConnectionContext;
  // an array, replaced on change rather than changed: a connection holds one view or a few
  // (maxViews), an array of one is a fraction of a Map's size, and loops need no copy
  #views: readonly ViewChannel[] = NO_VIEWS;
  /** The browser signals channel (signals.ts), once the bundle joins it. */
  #signals: SignalsChannel | undefined;
  #uploadChannels: UploadChannels | undefined;
  #closed = false;

  constructor(ctx: ConnectionContext) {
    this.#ctx = ctx;
  }

  get spans(): SpanObserver | undefined {
    return this.#ctx.services.spans;
  }

  /** Handles one text frame. Never throws. */
  handle(text: string): void {
    if (this.#closed) return;
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return this.#protocolError("malformed frame: not JSON");
    }
    if (!Array.isArray(frame) || frame.length !== 5) {
      return this.#protocolError("malformed frame: expected [join_ref, ref, topic, event, payload]");
    }
    const [joinRef, ref, topic, event, payload] = frame as unknown[];
    if (!isRef(joinRef) || !isRef(ref) || typeof topic !== "string" || typeof event !== "string" || topic.length > TOPIC_MAX) {
      // answerable only with a well-formed ref (never echo an oversized one back)
      if (typeof ref === "string" && isRef(ref) && typeof topic === "string" && topic.length <= TOPIC_MAX) {
        return this.#reply(null, ref, topic, { status: "error", response: { reason: "malformed frame" } });
      }
      return this.#protocolError("malformed frame: bad refs, topic or event");
    }
    // every push expects a reply; a push without a ref cannot be answered, so it is dropped
    if (ref === null) return;
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      return this.#reply(joinRef, ref, topic, { status: "error", response: { reason: "payload must be an object" } });
    }
    const body = payload as Record<string, unknown>;

    if (topic === "phoenix") {
      if (event === "heartbeat") return this.#reply(null, ref, topic, { status: "ok", response: {} });
      return this.#reply(null, ref, topic, { status: "error", response: { reason: "unknown event" } });
    }
    if (topic === SIGNALS_TOPIC) {
      this.#signals ??= new SignalsChannel({
        send: (f) => this.send(f),
        spans: this.spans,
        view: (id) => this.#view(`lv:${id}`)?.proc,
      });
      return this.#signals.handle(joinRef, ref, event, body);
    }
    if (topic.startsWith("lvu:")) return this.#uploads().text(joinRef, ref, topic, event, body);
    if (event === "phx_join") {
      void this.#join(joinRef ?? ref, ref, topic, body).catch((error: unknown) => {
        console.error("[lagoon] join failed", error);
        this.#reply(joinRef, ref, topic, { status: "error", response: { reason: "join failed" } });
      });
      return;
    }
    const channel = this.#view(topic);
    if (!channel || channel.joinRef !== joinRef) {
      if (event === "phx_leave") return this.#reply(joinRef, ref, topic, { status: "ok", response: {} });
      return this.#reply(joinRef, ref, topic, { status: "error", response: { reason: "unmatched topic" } });
    }
    const { proc } = channel;
    switch (event) {
      case "event":
        void proc.event(body, ref);
        return;
      case "live_patch":
        void proc.patch(body.url, ref);
        return;
      case "cids_will_destroy":
        void proc.enqueue(ref, "event", () => componentsWillDestroy(proc, body.cids, ref));
        return;
      case "cids_destroyed":
        void proc.enqueue(ref, "event", () => componentsDestroyed(proc, body.cids, ref));
        return;
      case "allow_upload":
        void proc.enqueue(ref, "event", () => preflight(proc, body, ref, this.#maxChunk()));
        return;
      case "progress":
        if (this.#uploadChannels?.backsProgress(body.entry_ref)) this.#ctx.conn.refund?.();
        void proc.enqueue(ref, "event", () => uploadProgress(proc, body, ref));
        return;
      case "phx_leave":
        this.#remove(channel);
        channel.left("leave");
        proc.close("leave");
        this.#reply(joinRef, ref, topic, { status: "ok", response: {} });
        this.send([joinRef, joinRef, topic, "phx_close", {}]);
        return;
      default:
        return this.#reply(joinRef, ref, topic, { status: "error", response: { reason: "unknown event", event: event.slice(0, 64) } });
    }
  }

  /**
   * Handles one binary frame: an upload chunk on a joined `lvu:` topic. Anything else
   * closes the connection with 1003, as binary frames did before uploads. Never throws.
   */
  handleBinary(bytes: Uint8Array): void {
    if (this.#closed) return;
    const push = decodeBinaryPush(bytes);
    if (!push || !push.topic.startsWith("lvu:")) {
      // 1003: unsupported data
      this.#ctx.conn.close(1003, "binary frames are for uploads only");
      this.close();
      return;
    }
    this.#uploads().binary(push);
  }

  /** The largest chunk the socket's frame limit lets through. */
  #maxChunk(): number {
    return (this.#ctx.limits.maxFrame ?? Infinity) - BINARY_HEADER_MAX;
  }

  /** The connection ended: every view on it is freed at once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#uploadChannels?.closeAll();
    for (const channel of this.#views) {
      this.#remove(channel);
      channel.left("disconnect");
      channel.proc.close("disconnect");
    }
  }

  /** Resolves once every message its views have queued so far is handled (the test client waits on it). */
  async idle(): Promise<void> {
    await Promise.all(this.#views.map((channel) => channel.proc.idle()));
  }

  /** No view of this connection has a message waiting. */
  settled(): boolean {
    for (const channel of this.#views) if (channel.proc.busy) return false;
    return true;
  }

  /** The handle of the view joined on `topic`, if any. */
  handleOf(topic: string): ViewHandle | undefined {
    return this.#view(topic)?.proc.handle;
  }

  /** The live action of the view joined on `topic` (`live(path, View, action)`), if any. */
  liveActionOf(topic: string): string | undefined {
    return this.#view(topic)?.proc.route.action;
  }

  #view(topic: string): ViewChannel | undefined {
    for (const channel of this.#views) if (channel.topic === topic) return channel;
    return undefined;
  }

  /** Sends a frame; returns its text (undefined once closed). The one place that encodes and sends. */
  send(frame: unknown[]): string | undefined {
    if (this.#closed) return undefined;
    const text = JSON.stringify(frame);
    this.#ctx.conn.send(text);
    return text;
  }

  current(channel: ViewChannel): boolean {
    return this.#views.includes(channel);
  }

  drop(channel: ViewChannel): void {
    if (this.current(channel)) this.#remove(channel);
  }

  /** Forgets a joined view, releasing its place in the budgets. */
  #remove(channel: ViewChannel): void {
    const views = this.#views;
    const i = views.indexOf(channel);
    if (i < 0) return;
    this.#views = views.length === 1 ? NO_VIEWS : views.slice(0, i).concat(views.slice(i + 1));
    const admission = this.#ctx.admission;
    if (admission) admission.budget.release(admission.owner);
  }

  #uploads(): UploadChannels {
    return (this.#uploadChannels ??= new UploadChannels({
      send: (frame) => this.send(frame),
      refund: () => this.#ctx.conn.refund?.(),
      store: this.#ctx.uploads,
      maxChunk: this.#maxChunk(),
      findToken: (token) => {
        for (const channel of this.#views) {
          const entry = channel.proc.existingUploads()?.byToken(token);
          if (entry) return entry;
        }
        return undefined;
      },
    }));
  }

  async #join(joinRef: string, ref: string, topic: string, payload: Record<string, unknown>): Promise<void> {
    const ctx = this.#ctx;
    const refuse = (reason: string) => this.#reply(joinRef, ref, topic, { status: "error", response: { reason } });
    if (!topic.startsWith("lv:")) return refuse("unmatched topic");
    // stale: the client reloads the page and gets a fresh token and session
    if (!ctx.csrfOk || !ctx.session) return refuse("stale");
    const token = ctx.tokens.verifyView(payload.session);
    if (!token || `lv:${token.id}` !== topic || token.sid !== ctx.session.sid) return refuse("stale");

    let place: Placement | string;
    if (token.v !== undefined) place = this.#nestedPlace(token);
    else place = this.#routedPlace(token, payload);
    if (typeof place === "string") return refuse(place);

    const previous = this.#view(topic);
    if (!previous && this.#views.length >= ctx.limits.maxViews) return refuse("too many views");
    if (previous) {
      // a second join on a topic replaces the first (rejoin, live navigation)
      this.#remove(previous);
      previous.left("replaced");
      previous.proc.close("replaced");
      this.send([previous.joinRef, previous.joinRef, topic, "phx_close", {}]);
    }

    const admission = ctx.admission;
    const refusal = admission ? admission.budget.admit(admission.owner) : null;
    if (refusal) return refuse(refusal);
    const params = (typeof payload.params === "object" && payload.params !== null ? payload.params : {}) as Record<string, unknown>;
    const flash: Flash =
      typeof payload.flash === "string"
        ? ctx.tokens.verifyFlash(payload.flash)
        : !place.navigated && params._mounts === 0 && token.f
          ? token.f
          : {};
    // the client counts its joins of this view: more than none is a rejoin (reconnect, crash recovery)
    const rejoin = typeof params._mounts === "number" && params._mounts > 0;
    const channel = new ViewChannel(this, topic, joinRef, ref, rejoin, place.navigated);
    channel.proc = new LiveViewProcess({
      id: token.id,
      route: place.route,
      params: place.params,
      url: place.url,
      session: place.nested ? nestedSession(ctx.session, token) : ctx.session,
      liveSession: token.ls,
      ...(place.nested ? { nested: place.nested, parentAssigns: place.parentAssigns } : {}),
      connected: true,
      flash,
      services: ctx.services,
      host: channel,
      connect: {
        params: sanitizeValue(params) as Record<string, unknown>,
        info: ctx.info,
        staticChanged: staticChanged(params._track_static, ctx.trackedStatic),
      },
    });
    this.#views = this.#views.concat(channel);
    await channel.proc.join(ref);
  }

  /** A main view joins at its URL, which must route to a view of the live session its page was rendered in. */
  #routedPlace(token: ViewToken, payload: Record<string, unknown>): Placement | string {
    const redirect = typeof payload.redirect === "string" ? payload.redirect : undefined;
    const rawUrl = redirect ?? (typeof payload.url === "string" ? payload.url : undefined);
    let url: URL;
    try {
      url = new URL(rawUrl ?? "");
    } catch {
      return "unauthorized";
    }
    const resolved = this.#ctx.router.resolve(url);
    // unknown route or another live session: the client does a full page load, so HTTP auth runs
    if (!resolved || resolved.route.session.name !== token.ls) return "unauthorized";
    return { route: resolved.route, params: resolved.params, url, navigated: redirect !== undefined };
  }

  /**
   * A nested view joins by the name its token carries; a child (not sticky) only through
   * its parent, joined on this connection. Stale otherwise: the client reloads the page.
   */
  #nestedPlace(token: ViewToken): Placement | string {
    // the app's own view of that name first (two apps in one process may both have one)
    const view = this.#ctx.router.nested(token.v!) ?? nestedView(token.v!);
    let url: URL;
    try {
      url = new URL(token.u ?? "");
    } catch {
      return "stale";
    }
    if (!view) return "stale";
    let parent: LiveViewProcess | undefined;
    if (token.p !== undefined) {
      parent = this.#view(`lv:${token.p}`)?.proc;
      if (!parent?.alive) return "stale";
    }
    const depth = (parent?.nested?.depth ?? 0) + 1;
    if (depth > MAX_NESTING) return "nesting too deep";
    const nested = { parent: parent?.handle, depth };
    return { route: nestedRoute(view), params: {}, url, navigated: false, nested, parentAssigns: parent?.socket.assigns };
  }

  #reply(joinRef: string | null, ref: string, topic: string, reply: { status: string; response: Record<string, unknown> }): void {
    this.send([joinRef, ref, topic, "phx_reply", reply]);
  }

  #protocolError(reason: string): void {
    // 1007: invalid frame payload data. Not 1000, which makes the client reload the page.
    this.#ctx.conn.close(1007, reason);
    this.close();
  }
}

/**
 * The page's tracked assets (the client sends their absolute URLs as `_track_static`) are
 * not those of the running build: a deploy happened since the page loaded. Compared by
 * path, so the host the page used does not matter.
 */
function staticChanged(sent: unknown, tracked: readonly string[] | undefined): boolean {
  if (!tracked || !Array.isArray(sent)) return false;
  const paths = new Set<string>();
  for (const url of sent.slice(0, 100)) {
    if (typeof url !== "string") return true;
    try {
      paths.add(new URL(url, "http://localhost").pathname);
    } catch {
      return true;
    }
  }
  return paths.size !== tracked.length || tracked.some((path) => !paths.has(path));
}
