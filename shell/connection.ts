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
import { ViewChannel, type ChannelOwner } from "./channel.js";
import type { ViewServices } from "./internal.js";
import { sanitizeValue } from "./params.js";
import { LiveViewProcess } from "./process.js";
import type { ViewHandle } from "./pubsub.js";
import type { Router } from "./router.js";
import type { SpanObserver } from "./spans.js";
import type { Tokens } from "./tokens.js";
import type { Conn } from "./transport.js";
import type { ConnectInfo, Flash, Session } from "./types.js";

export interface ConnectionLimits {
  /** Views one connection may have joined at once. */
  maxViews: number;
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
}

const TOPIC_MAX = 200;
const isRef = (v: unknown): v is string | null => v === null || (typeof v === "string" && v.length <= 64);

export class LiveConnection implements ChannelOwner {
  readonly #ctx: ConnectionContext;
  readonly #views = new Map<string, ViewChannel>();
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
    if (event === "phx_join") {
      void this.#join(joinRef ?? ref, ref, topic, body).catch((error: unknown) => {
        console.error("[lagoon] join failed", error);
        this.#reply(joinRef, ref, topic, { status: "error", response: { reason: "join failed" } });
      });
      return;
    }
    const channel = this.#views.get(topic);
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
        void proc.cidsWillDestroy(body.cids, ref);
        return;
      case "cids_destroyed":
        void proc.cidsDestroyed(body.cids, ref);
        return;
      case "phx_leave":
        this.#views.delete(topic);
        channel.left("leave");
        proc.close("leave");
        this.#reply(joinRef, ref, topic, { status: "ok", response: {} });
        this.send([joinRef, joinRef, topic, "phx_close", {}]);
        return;
      default:
        return this.#reply(joinRef, ref, topic, { status: "error", response: { reason: "unknown event", event: event.slice(0, 64) } });
    }
  }

  /** The connection ended: every view on it is freed at once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const channel of this.#views.values()) {
      channel.left("disconnect");
      channel.proc.close("disconnect");
    }
    this.#views.clear();
  }

  /** Resolves once every message its views have queued so far is handled (the test client waits on it). */
  async idle(): Promise<void> {
    await Promise.all([...this.#views.values()].map((channel) => channel.proc.idle()));
  }

  /** No view of this connection has a message waiting. */
  settled(): boolean {
    for (const channel of this.#views.values()) if (channel.proc.busy) return false;
    return true;
  }

  /** The handle of the view joined on `topic`, if any. */
  handleOf(topic: string): ViewHandle | undefined {
    return this.#views.get(topic)?.proc.handle;
  }

  /** Sends a frame; returns its text (undefined once closed). The one place that encodes and sends. */
  send(frame: unknown[]): string | undefined {
    if (this.#closed) return undefined;
    const text = JSON.stringify(frame);
    this.#ctx.conn.send(text);
    return text;
  }

  current(channel: ViewChannel): boolean {
    return this.#views.get(channel.topic) === channel;
  }

  drop(channel: ViewChannel): void {
    if (this.current(channel)) this.#views.delete(channel.topic);
  }

  async #join(joinRef: string, ref: string, topic: string, payload: Record<string, unknown>): Promise<void> {
    const ctx = this.#ctx;
    const refuse = (reason: string) => this.#reply(joinRef, ref, topic, { status: "error", response: { reason } });
    if (!topic.startsWith("lv:")) return refuse("unmatched topic");
    // stale: the client reloads the page and gets a fresh token and session
    if (!ctx.csrfOk || !ctx.session) return refuse("stale");
    const token = ctx.tokens.verifyView(payload.session);
    if (!token || `lv:${token.id}` !== topic || token.sid !== ctx.session.sid) return refuse("stale");

    const redirect = typeof payload.redirect === "string" ? payload.redirect : undefined;
    const rawUrl = redirect ?? (typeof payload.url === "string" ? payload.url : undefined);
    let url: URL;
    try {
      url = new URL(rawUrl ?? "");
    } catch {
      return refuse("unauthorized");
    }
    const resolved = ctx.router.resolve(url);
    // unknown route or another live session: the client does a full page load, so HTTP auth runs
    if (!resolved || resolved.route.session.name !== token.ls) return refuse("unauthorized");

    const previous = this.#views.get(topic);
    if (!previous && this.#views.size >= ctx.limits.maxViews) return refuse("too many views");
    if (previous) {
      // a second join on a topic replaces the first (rejoin, live navigation)
      this.#views.delete(topic);
      previous.left("replaced");
      previous.proc.close("replaced");
      this.send([previous.joinRef, previous.joinRef, topic, "phx_close", {}]);
    }

    const params = (typeof payload.params === "object" && payload.params !== null ? payload.params : {}) as Record<string, unknown>;
    const flash: Flash =
      typeof payload.flash === "string"
        ? ctx.tokens.verifyFlash(payload.flash)
        : !redirect && params._mounts === 0 && token.f
          ? token.f
          : {};
    // the client counts its joins of this view: more than none is a rejoin (reconnect, crash recovery)
    const rejoin = typeof params._mounts === "number" && params._mounts > 0;
    const channel = new ViewChannel(this, topic, joinRef, ref, rejoin, redirect !== undefined);
    channel.proc = new LiveViewProcess({
      id: token.id,
      route: resolved.route,
      params: resolved.params,
      url,
      session: ctx.session,
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
    this.#views.set(topic, channel);
    await channel.proc.join(ref);
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
