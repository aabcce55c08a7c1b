/**
 * One WebSocket connection speaking the Phoenix channel protocol: frames
 * `[join_ref, ref, topic, event, payload]`, heartbeats, and one view process per joined
 * `lv:<id>` topic. Untrusted input: every frame is checked before use; a bad frame gets an
 * error reply (or, when it cannot be answered, the connection closes with 1007), and never
 * affects another view or connection.
 */
import { sanitizeValue } from "../shell/params.js";
import { LiveViewProcess, type Reply, type ViewHost, type ViewServices } from "../shell/runtime.js";
import type { ConnectInfo } from "../shell/socket.js";
import type { Router } from "../shell/router.js";
import { LIVEVIEW_VERSION } from "../shell/wire.js";
import type { CookieSession, Sessions } from "./session.js";
import type { Telemetry, TelemetryEvent } from "./telemetry.js";
import type { Conn } from "./transport.js";

export interface ChannelLimits {
  /** Views one connection may have joined at once. */
  maxViews: number;
}

export interface ChannelContext {
  readonly conn: Conn;
  /** The cookie session read at connect (null: none or forged). */
  readonly session: CookieSession | null;
  /** The connect params carried a valid CSRF token for that session. */
  readonly csrfOk: boolean;
  readonly router: Router;
  readonly sessions: Sessions;
  readonly services: ViewServices;
  readonly limits: ChannelLimits;
  /** Receives join, reconnect and leave events, and the bytes of each diff sent. */
  readonly telemetry?: Telemetry;
  /** The connection's peer address, user agent and x-* headers, for views' connectInfo. */
  readonly info: ConnectInfo;
  /** Paths of the running build's phx-track-static assets, to tell views a deploy happened. */
  readonly trackedStatic?: readonly string[];
}

interface Joined {
  readonly joinRef: string;
  readonly proc: LiveViewProcess;
  /** When the join was answered ok (performance.now()); unset while mounting. */
  joinedAt?: number;
}

const TOPIC_MAX = 200;
const isRef = (v: unknown): v is string | null => v === null || (typeof v === "string" && v.length <= 64);

export class Channel {
  readonly #ctx: ChannelContext;
  readonly #views = new Map<string, Joined>();
  #closed = false;

  constructor(ctx: ChannelContext) {
    this.#ctx = ctx;
  }

  /** Views joined on this connection. */
  get size(): number {
    return this.#views.size;
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
    const joined = this.#views.get(topic);
    if (!joined || joined.joinRef !== joinRef) {
      if (event === "phx_leave") return this.#reply(joinRef, ref, topic, { status: "ok", response: {} });
      return this.#reply(joinRef, ref, topic, { status: "error", response: { reason: "unmatched topic" } });
    }
    const { proc } = joined;
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
        this.#left(joined, "leave");
        proc.close("leave");
        this.#reply(joinRef, ref, topic, { status: "ok", response: {} });
        this.#send([joinRef, joinRef, topic, "phx_close", {}]);
        return;
      default:
        return this.#reply(joinRef, ref, topic, { status: "error", response: { reason: "unknown event", event: event.slice(0, 64) } });
    }
  }

  /** The connection ended: every view on it is freed at once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const joined of this.#views.values()) {
      this.#left(joined, "disconnect");
      joined.proc.close("disconnect");
    }
    this.#views.clear();
  }

  async #join(joinRef: string, ref: string, topic: string, payload: Record<string, unknown>): Promise<void> {
    const started = performance.now();
    const ctx = this.#ctx;
    const refuse = (reason: string) => this.#reply(joinRef, ref, topic, { status: "error", response: { reason } });
    if (!topic.startsWith("lv:")) return refuse("unmatched topic");
    // stale: the client reloads the page and gets a fresh token and session
    if (!ctx.csrfOk || !ctx.session) return refuse("stale");
    const token = ctx.sessions.verifyView(payload.session);
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
      this.#left(previous, "replaced");
      previous.proc.close("replaced");
      this.#send([previous.joinRef, previous.joinRef, topic, "phx_close", {}]);
    }

    const params = (typeof payload.params === "object" && payload.params !== null ? payload.params : {}) as Record<string, unknown>;
    const flash =
      typeof payload.flash === "string"
        ? ctx.sessions.verifyFlash(payload.flash)
        : !redirect && params._mounts === 0 && token.f
          ? token.f
          : {};

    // the client counts its joins of this view: more than none is a rejoin (reconnect, crash recovery)
    const rejoin = typeof params._mounts === "number" && params._mounts > 0;
    const telemetry = ctx.telemetry;
    let entry: Joined;
    const channel = this;
    // methods rather than arrows in properties: under tsx's keepNames each named arrow
    // would carry a 256-byte property dictionary for as long as the view lives
    const host: ViewHost = {
      reply(replyRef: string, reply: Reply) {
        if (channel.#views.get(topic) !== entry) return;
        if (replyRef !== ref)
          return channel.#measured(channel.#send([joinRef, replyRef, topic, "phx_reply", reply]), reply.response.diff, "event");
        if (reply.status === "ok") reply = { status: "ok", response: { liveview_version: LIVEVIEW_VERSION, ...reply.response } };
        else channel.#views.delete(topic);
        const bytes = channel.#measured(channel.#send([joinRef, replyRef, topic, "phx_reply", reply]), reply.response.rendered, "join");
        const ok = reply.status === "ok";
        if (ok) entry.joinedAt = performance.now();
        if (telemetry) {
          const event = { ...channel.#about(entry), duration: performance.now() - started, ok, rejoin, bytes };
          telemetry.emit({ name: "join", ...event });
          if (rejoin) telemetry.emit({ name: "reconnect", ...event });
        }
      },
      push(event, body) {
        if (channel.#views.get(topic) !== entry) return;
        return channel.#measured(channel.#send([joinRef, null, topic, event, body]), event === "diff" ? body : undefined);
      },
      stopped(reason) {
        if (channel.#views.get(topic) !== entry) return;
        channel.#views.delete(topic);
        channel.#left(entry, reason === "error" ? "crash" : "close");
        if (reason === "error") channel.#send([joinRef, joinRef, topic, "phx_error", {}]);
        else channel.#send([joinRef, joinRef, topic, "phx_close", {}]);
      },
    };
    const connectParams = sanitizeValue(params) as Record<string, unknown>;
    const proc = new LiveViewProcess({
      connect: { params: connectParams, info: ctx.info, staticChanged: staticChanged(params._track_static, ctx.trackedStatic) },
      id: token.id,
      route: resolved.route,
      params: resolved.params,
      url,
      session: ctx.session,
      connected: true,
      flash,
      services: ctx.services,
      host,
    });
    entry = { joinRef, proc };
    this.#views.set(topic, entry);
    await proc.join(ref);
  }

  #reply(joinRef: string | null, ref: string, topic: string, reply: Reply): void {
    this.#send([joinRef, ref, topic, "phx_reply", reply]);
  }

  /** Sends a frame; returns its text (undefined once closed). The one place that encodes and sends. */
  #send(frame: unknown[]): string | undefined {
    if (this.#closed) return undefined;
    const text = JSON.stringify(frame);
    this.#ctx.conn.send(text);
    return text;
  }

  /** Bytes of a sent frame that carried a diff, when someone listens for them (the count scans the text). */
  #measured(text: string | undefined, diff: unknown, span?: TelemetryEvent["name"]): number {
    return text !== undefined && diff !== undefined && this.#ctx.telemetry?.wants(span) ? Buffer.byteLength(text) : 0;
  }

  #about(joined: Joined) {
    const { proc } = joined;
    return { view: proc.name, route: proc.route.path, id: proc.id, connected: true } as const;
  }

  /** A joined view went away: a leave event, once per successful join. */
  #left(joined: Joined, reason: string): void {
    if (joined.joinedAt === undefined || !this.#ctx.telemetry) return;
    const duration = performance.now() - joined.joinedAt;
    joined.joinedAt = undefined;
    this.#ctx.telemetry.emit({ name: "leave", ...this.#about(joined), duration, reason });
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
