/**
 * A WebSocket client speaking the Phoenix channel protocol, for protocol tests: loads a
 * page over HTTP (cookie, CSRF token, view id and session token), connects, joins.
 */
import WebSocket from "ws";
import { withCookies } from "./http.js";

export type Frame = [string | null, string | null, string, string, any];

/**
 * The refusal in an event's reply: refused events are answered `ok` with
 * `{ diff: { r: { error: { reason, message } } } }`; undefined for any other reply.
 */
export function refusal(reply: { status: string; response: any }): { reason: string; message: string; issues?: unknown[] } | undefined {
  return reply.status === "ok" ? reply.response?.diff?.r?.error : undefined;
}

export interface PageInfo {
  cookie: string;
  csrf: string;
  id: string;
  session: string;
  html: string;
}

/** GETs a page and reads what the browser bundle would: cookie, CSRF meta, root container. */
export async function loadPage(base: string, path: string, cookie?: string): Promise<PageInfo> {
  const res = await fetch(base + path, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const html = await res.text();
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? "";
  const root = /<div id="([^"]+)" data-phx-main data-phx-session="([^"]+)"/.exec(html);
  return { cookie: withCookies(cookie, res), csrf, id: root?.[1] ?? "", session: root?.[2] ?? "", html };
}

export class ProtocolClient {
  readonly ws: WebSocket;
  readonly frames: Frame[] = [];
  #ref = 0;
  #waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  static connect(
    base: string,
    page: Pick<PageInfo, "cookie" | "csrf">,
    opts: { origin?: string; csrf?: string | null; ws?: WebSocket.ClientOptions } = {},
  ): Promise<ProtocolClient> {
    const url = new URL("/live/websocket", base.replace(/^http/, "ws"));
    const csrf = opts.csrf === undefined ? page.csrf : opts.csrf;
    if (csrf !== null) url.searchParams.set("_csrf_token", csrf);
    url.searchParams.set("vsn", "2.0.0");
    const ws = new WebSocket(url, { ...opts.ws, headers: { cookie: page.cookie, origin: opts.origin ?? base } });
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(new ProtocolClient(ws)));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  nextRef(): string {
    return String(++this.#ref);
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Sends a frame; resolves with the reply to its ref (rejects after `timeoutMs` without one). */
  push(joinRef: string | null, topic: string, event: string, payload: unknown, ref = this.nextRef(), timeoutMs?: number): Promise<Frame> {
    const reply = this.waitFor((f) => f[1] === ref && f[3] === "phx_reply", timeoutMs);
    this.ws.send(JSON.stringify([joinRef, ref, topic, event, payload]));
    return reply;
  }

  waitFor(match: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for a frame")), timeoutMs);
      this.#waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** Joins the page's view; resolves with [joinRef, reply frame]. */
  async join(
    base: string,
    page: PageInfo,
    path: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ joinRef: string; topic: string; reply: Frame }> {
    const joinRef = this.nextRef();
    const topic = `lv:${page.id}`;
    const reply = await this.push(
      joinRef,
      topic,
      "phx_join",
      {
        url: base + path,
        params: { _csrf_token: page.csrf, _mounts: 0, _mount_attempts: 0 },
        session: page.session,
        static: null,
        sticky: false,
        ...extra,
      },
      joinRef,
    );
    return { joinRef, topic, reply };
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once("close", () => resolve());
      this.ws.close(1000);
    });
  }
}

/** A view joined over a real socket: its page, the client, the join's ref, topic and reply. */
export interface Joined {
  page: PageInfo;
  client: ProtocolClient;
  joinRef: string;
  topic: string;
  reply: Frame;
}

/** Loads `path` (with `cookie`: as the same user), connects and joins its view. */
export async function joinView(base: string, path: string, opts: { cookie?: string; ws?: WebSocket.ClientOptions } = {}): Promise<Joined> {
  const page = await loadPage(base, path, opts.cookie);
  const client = await ProtocolClient.connect(base, page, { ws: opts.ws });
  const { joinRef, topic, reply } = await client.join(base, page, path);
  return { page, client, joinRef, topic, reply };
}

/** Joins one more view on an existing socket (a second page of the same user, same cookie). */
export async function joinAnother(base: string, path: string, on: Joined): Promise<Joined> {
  const page = await loadPage(base, path, on.page.cookie);
  const { joinRef, topic, reply } = await on.client.join(base, page, path);
  return { page, client: on.client, joinRef, topic, reply };
}
