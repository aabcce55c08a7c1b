/**
 * The Hono host: registers each live route for its HTTP (dead) render, mounts the
 * WebSocket endpoint, and gives the app its sessions, PubSub and error pages. Ordinary
 * Hono routes go on `lagoon.app` beside the live ones.
 */
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { HttpError } from "../shell/errors.js";
import { escapeHtml } from "../shell/escape.js";
import { MemoryPubSub, type PubSub } from "../shell/pubsub.js";
import { Router, type LiveRoute } from "../shell/router.js";
import { LiveViewProcess, type ViewServices } from "../shell/runtime.js";
import type { Flash } from "../shell/socket.js";
import type { Assets } from "./assets.js";
import { defaultDocument, type DocumentFn } from "./document.js";
import { FLASH_COOKIE, Sessions, type CookieSession, type SessionOptions } from "./session.js";
import { isHttps as requestIsHttps, type TrustProxy } from "./proxy.js";
import { randomId } from "./random.js";
import { Signer } from "./signing.js";
import { Telemetry, type TelemetryListener } from "./telemetry.js";
import { LagoonMetrics, type MetricsOptions } from "./metrics.js";
import { attachLiveSocket, createLiveSocket, type LiveSocketOptions, type LiveSocketServer } from "./ws.js";
import { parse, serialize } from "hono/utils/cookie";

export interface LagoonOptions {
  readonly routes: Iterable<LiveRoute | LiveRoute[]>;
  /** Signing key for sessions and tokens, at least 32 characters. */
  readonly secret: string;
  readonly pubsub?: PubSub;
  /** Script/style tags of the browser bundle (manifestAssets or devAssets). */
  readonly assets?: Assets;
  readonly document?: DocumentFn;
  /** Endpoint of the live socket; the client connects to `${socketPath}/websocket`. */
  readonly socketPath?: string;
  /** Origins allowed to open the live socket besides the page's own host. */
  readonly origins?: readonly string[];
  readonly session?: SessionOptions;
  /**
   * Live socket limits: frame size, heartbeat, and `limits` (views per socket, sockets per
   * address, frame rate, send buffer; see `DEFAULT_SOCKET_LIMITS`).
   */
  readonly socket?: Pick<LiveSocketOptions, "maxPayload" | "heartbeatMs" | "limits">;
  /** Receives every telemetry event from the start, like `lagoon.onTelemetry(observe)`. */
  readonly observe?: TelemetryListener;
  /**
   * Proxies in front of the server that set X-Forwarded-For and X-Forwarded-Proto (1 for
   * one proxy; `true` means 1). By default nothing forwarded is trusted: the client address
   * is the socket's peer and https is the server's own TLS.
   */
  readonly trustProxy?: TrustProxy;
}

export interface Listening {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const NO_ASSETS: Assets = { head: () => "" };

export class Lagoon {
  readonly app = new Hono();
  readonly router: Router;
  readonly sessions: Sessions;
  readonly pubsub: PubSub;
  readonly services: ViewServices;
  readonly live: LiveSocketServer;
  readonly telemetry = new Telemetry();
  readonly #document: DocumentFn;
  readonly #assets: Assets;
  readonly #trustProxy: TrustProxy | undefined;
  #metrics: LagoonMetrics | undefined;

  constructor(opts: LagoonOptions) {
    this.router = new Router(opts.routes);
    this.sessions = new Sessions(new Signer(opts.secret), opts.session);
    this.pubsub = opts.pubsub ?? new MemoryPubSub();
    this.#document = opts.document ?? defaultDocument();
    this.#assets = opts.assets ?? NO_ASSETS;
    this.#trustProxy = opts.trustProxy;
    this.services = {
      router: this.router,
      pubsub: this.pubsub,
      signFlash: (flash) => this.sessions.signFlash(flash),
      observe: (event) => this.telemetry.emit(event),
      logError: (error, ctx) => console.error(`[lagoon] ${ctx.view} crashed in ${ctx.phase}:`, error),
    };
    if (opts.observe) this.telemetry.on(opts.observe);
    this.live = createLiveSocket({
      path: `${opts.socketPath ?? "/live"}/websocket`,
      router: this.router,
      sessions: this.sessions,
      services: this.services,
      origins: opts.origins,
      telemetry: this.telemetry,
      trustProxy: opts.trustProxy,
      trackedStatic: this.#assets.tracked,
      ...opts.socket,
    });
    // Registered before any app route, so it wraps them all; GET and HEAD carry no body.
    // A response sent before its request's body was read (bodyLimit's 413, a refusal
    // before parsing) tells the client to close the connection: @hono/node-server drains
    // such a body for at most 500 ms and then destroys the socket, which a client reusing
    // the connection would see as "other side closed".
    this.app.on(["POST", "PUT", "PATCH", "DELETE"], "*", async (c, next) => {
      await next();
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      if (incoming && !incoming.readableEnded) c.header("Connection", "close");
    });
    for (const route of this.router.routes) {
      this.app.get(route.path, (c) => this.#renderLive(c));
    }
    this.app.notFound((c) =>
      this.page(c, { title: "Not found", body: `<main><h1>Page not found</h1><p><a href="/">Home</a></p></main>` }, 404),
    );
    this.app.onError((error, c) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) console.error("[lagoon] request failed:", error);
      const message = status >= 500 ? "Something went wrong" : error.message;
      return this.page(c, { title: message, body: `<main><h1>${escapeHtml(message)}</h1></main>` }, status);
    });
  }

  /** Calls `listener` with each of this Lagoon's telemetry events; returns the unsubscribe function. */
  onTelemetry(listener: TelemetryListener): () => void {
    return this.telemetry.on(listener);
  }

  /**
   * This Lagoon's Prometheus metrics (their own prom-client registry), counted from the
   * first call: make it before `listen`. `opts` apply to that first call.
   */
  prometheus(opts?: MetricsOptions): LagoonMetrics {
    return (this.#metrics ??= new LagoonMetrics(this.telemetry, () => this.live.size, opts));
  }

  /**
   * A Hono handler serving the metrics in Prometheus text format:
   * `lagoon.app.get("/metrics", lagoon.metrics())`. Guard it like any route (a bearer
   * token middleware before it, or a private port) when the app is public.
   */
  metrics(opts?: MetricsOptions): (c: Context) => Promise<Response> {
    const metrics = this.prometheus(opts);
    return async (c) => c.body(await metrics.text(), 200, { "Content-Type": metrics.contentType });
  }

  /** The request's cookie session, created (and its cookie set) when missing or forged. */
  session(c: Context): CookieSession {
    const existing = c.get("lagoonSession" as never) as CookieSession | undefined;
    if (existing) return existing;
    let session = this.sessions.read(header(c, "cookie"));
    if (!session) {
      session = this.sessions.newSession();
      c.header("Set-Cookie", this.sessions.cookie(session, this.#isHttps(c)), { append: true });
    }
    c.set("lagoonSession" as never, session as never);
    return session;
  }

  /** Replaces the session (log in): a fresh session id, so tokens of the old one stop working. */
  setSession(c: Context, data: Record<string, unknown>): CookieSession {
    const session = this.sessions.newSession(data);
    c.header("Set-Cookie", this.sessions.cookie(session, this.#isHttps(c)), { append: true });
    c.set("lagoonSession" as never, session as never);
    return session;
  }

  /** Ends the session (log out). */
  clearSession(c: Context): void {
    c.header("Set-Cookie", this.sessions.clearCookie(), { append: true });
  }

  /** Checks a CSRF token from a form post against the request's session. */
  checkCsrf(c: Context, token: unknown): boolean {
    return this.sessions.checkCsrf(this.sessions.read(header(c, "cookie")), token);
  }

  /** Sets a flash shown by the next page rendered (after a redirect). */
  flashCookie(c: Context, flash: Flash): void {
    c.header("Set-Cookie", serialize(FLASH_COOKIE, this.sessions.signFlash(flash), { path: "/", maxAge: 60, sameSite: "Lax" }), {
      append: true,
    });
  }

  /** A full HTML page in the app's document (static pages, errors). */
  page(c: Context, parts: { title?: string; body: string }, status = 200): Response {
    const session = this.session(c);
    const html = this.#document({
      title: parts.title,
      csrfToken: session._csrf_token,
      head: this.#assets.head(),
      body: parts.body,
    });
    return c.html(html, status as 200);
  }

  #isHttps(c: Context): boolean {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    return incoming ? requestIsHttps(incoming, this.#trustProxy) : c.req.url.startsWith("https:");
  }

  async #renderLive(c: Context): Promise<Response> {
    const url = new URL(c.req.url);
    const resolved = this.router.resolve(url);
    if (!resolved) return c.notFound();
    const session = this.session(c);
    let flash: Flash = {};
    const cookies = header(c, "cookie");
    const flashToken = cookies ? parse(cookies, FLASH_COOKIE)[FLASH_COOKIE] : undefined;
    if (flashToken !== undefined) {
      flash = this.sessions.verifyFlash(flashToken);
      c.header("Set-Cookie", serialize(FLASH_COOKIE, "", { path: "/", maxAge: 0 }), { append: true });
    }
    const id = `phx-${randomId(6)}`;
    const result = await LiveViewProcess.renderStatic({
      id,
      route: resolved.route,
      params: resolved.params,
      url,
      session,
      flash,
      services: this.services,
    });
    if (result.kind === "redirect") {
      if (Object.keys(result.flash).length) this.flashCookie(c, result.flash);
      return c.redirect(result.to, 302);
    }
    const token = this.sessions.signView({
      id,
      ls: resolved.route.session.name,
      sid: session.sid,
      ...(Object.keys(flash).length ? { f: flash } : {}),
    });
    const body = `<div id="${id}" data-phx-main data-phx-session="${escapeHtml(token)}" data-phx-static="">${result.html}</div>`;
    const html = this.#document({ title: result.title, csrfToken: session._csrf_token, head: this.#assets.head(), body });
    return c.html(html);
  }

  /** Serves on `port` (0: a free one) and accepts live sockets. */
  listen(opts: { port?: number; hostname?: string } = {}): Promise<Listening> {
    return new Promise((resolve) => {
      const server = serve(
        { fetch: this.app.fetch, port: opts.port ?? 3000, hostname: opts.hostname ?? "127.0.0.1" },
        (info: AddressInfo) => {
          const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
          resolve({
            server: server as Server,
            port: info.port,
            url: `http://${host}:${info.port}`,
            close: () => this.#closeServer(server as Server),
          });
        },
      ) as Server;
      this.attach(server);
    });
  }

  /** Routes an existing HTTP server's upgrades to the live socket. */
  attach(server: Server): void {
    attachLiveSocket(server, this.live);
  }

  async #closeServer(server: Server): Promise<void> {
    await this.live.close();
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * A request header. Under @hono/node-server, read from Node's request: Hono's
 * `c.req.header()` first builds a Fetch `Headers` of every header, a few µs on each page.
 */
function header(c: Context, name: "cookie"): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming?.headers) return c.req.header(name);
  // Node joins a repeated Cookie header with "; " (the cookie separator) and others with ", ", as Fetch does
  return incoming.headers[name] as string | undefined;
}

export function createLagoon(opts: LagoonOptions): Lagoon {
  return new Lagoon(opts);
}
