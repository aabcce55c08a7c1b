/**
 * One WebSocket connection speaking the Phoenix channel protocol: frames
 * `[join_ref, ref, topic, event, payload]`, heartbeats, and one view process per joined
 * `lv:<id>` topic. Untrusted input: every frame is checked before use; a bad frame gets an
 * error reply (or, when it cannot be answered, the connection closes with 1007), and never
 * affects another view or connection.
 */
import { LiveViewProcess, type Reply, type ViewHost, type ViewServices } from "../shell/runtime.js";
import type { Router } from "../shell/router.js";
import { LIVEVIEW_VERSION } from "../shell/wire.js";
import type { CookieSession, Sessions } from "./session.js";
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
}

interface Joined {
  readonly joinRef: string;
  readonly proc: LiveViewProcess;
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
    for (const { proc } of this.#views.values()) proc.close("disconnect");
    this.#views.clear();
  }

  async #join(joinRef: string, ref: string, topic: string, payload: Record<string, unknown>): Promise<void> {
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

    let entry: Joined;
    const host: ViewHost = {
      reply: (replyRef: string, reply: Reply) => {
        if (this.#views.get(topic) !== entry) return;
        if (replyRef === ref) {
          if (reply.status === "ok") reply = { status: "ok", response: { liveview_version: LIVEVIEW_VERSION, ...reply.response } };
          else this.#views.delete(topic);
        }
        this.#reply(joinRef, replyRef, topic, reply);
      },
      push: (event, body) => {
        if (this.#views.get(topic) === entry) this.#send([joinRef, null, topic, event, body]);
      },
      stopped: (reason) => {
        if (this.#views.get(topic) !== entry) return;
        this.#views.delete(topic);
        if (reason === "error") this.#send([joinRef, joinRef, topic, "phx_error", {}]);
        else this.#send([joinRef, joinRef, topic, "phx_close", {}]);
      },
    };
    const proc = new LiveViewProcess({
      id: token.id,
      route: resolved.route,
      params: resolved.params,
      url,
      session: ctx.sessions.forView(ctx.session),
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

  #send(frame: unknown[]): void {
    if (this.#closed) return;
    this.#ctx.conn.send(JSON.stringify(frame));
  }

  #protocolError(reason: string): void {
    // 1007: invalid frame payload data. Not 1000, which makes the client reload the page.
    this.#ctx.conn.close(1007, reason);
    this.close();
  }
}
