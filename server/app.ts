/**
 * `createLagoon`: the composition root of a Lagoon app. It wires the router, sessions,
 * PubSub and telemetry into the Hono app (sessions as middleware, the HTTP render of each
 * live route, error pages) and the live socket. Ordinary Hono routes go on `lagoon.app`
 * beside the live ones.
 */
import type { IncomingMessage, Server } from "node:http";
import { Hono, type Context } from "hono";
import type { ViewServices } from "../shell/internal.js";
import { MemoryPubSub, type PubSub } from "../shell/pubsub.js";
import { Router, type LiveRoute } from "../shell/router.js";
import type { Assets } from "./assets.js";
import { defaultDocument, type DocumentFn } from "./document.js";
import { Health } from "./health.js";
import { listen, type Listening, type ListenOptions } from "./listen.js";
import { LagoonMetrics, type MetricsOptions } from "./metrics.js";
import { errorPages, pageRenderer, type PageFn } from "./pages.js";
import { clientAddress, type TrustProxy } from "./proxy.js";
import { renderLive } from "./render.js";
import { securityHeaders, type SecurityHeadersOptions } from "./security.js";
import { sessionMiddleware, type LagoonEnv } from "./request-session.js";
import { Sessions, type SessionOptions } from "./session.js";
import { Signer } from "./signing.js";
import { Telemetry, type TelemetryListener } from "./telemetry.js";
import { createUploadStore, type UploadStoreOptions } from "./upload-store.js";
import { attachLiveSocket, createLiveSocket, type LiveSocketOptions, type LiveSocketServer } from "./ws.js";

/** What `createLagoon` takes: the live routes and the secret; everything else has a default. */
export interface LagoonOptions {
  /** The live routes (`live()`, `liveSession()`); each gets an HTTP render and a live view. */
  readonly routes: Iterable<LiveRoute | LiveRoute[]>;
  /** Signing key for sessions and tokens, at least 32 characters. */
  readonly secret: string;
  /** Broadcasts between views, and session revocations; default a MemoryPubSub (one process). */
  readonly pubsub?: PubSub;
  /** Script/style tags of the browser bundle (manifestAssets or devAssets). */
  readonly assets?: Assets;
  /** The HTML page around each render; default `defaultDocument()`. */
  readonly document?: DocumentFn;
  /** Endpoint of the live socket (default "/live"); the client connects to `${socketPath}/websocket`. */
  readonly socketPath?: string;
  /** Origins allowed to open the live socket besides the page's own host. */
  readonly origins?: readonly string[];
  /** The session cookie's lifetime, Secure flag and user key. */
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
  /**
   * Host names the live socket accepts (the upgrade's Host header), against DNS
   * rebinding; by default loopback names and IP addresses only. `["*"]` accepts any.
   */
  readonly allowedHosts?: readonly string[];
  /** Response headers (CSP, framing, nosniff, referrer policy); `false` turns Lagoon's defaults off. */
  readonly securityHeaders?: SecurityHeadersOptions | false;
  /** Temporary files of uploads: `dir` (default: `lagoon-uploads` in the OS temporary directory). */
  readonly uploads?: UploadStoreOptions;
}

/** A Lagoon app: its Hono app with the live routes, the live socket, and what they share. */
export interface Lagoon {
  /** Add ordinary routes here; each gets `c.var.session`. */
  readonly app: Hono<LagoonEnv>;
  readonly router: Router;
  readonly sessions: Sessions;
  readonly pubsub: PubSub;
  readonly telemetry: Telemetry;
  readonly live: LiveSocketServer;
  /**
   * Liveness and readiness, served at GET /healthz and GET /readyz: register the app's
   * readiness checks here (`lagoon.health.check("database", () => db.ping())`).
   */
  readonly health: Health;
  /** Calls `listener` with each of this Lagoon's telemetry events; returns the unsubscribe function. */
  onTelemetry(listener: TelemetryListener): () => void;
  /**
   * This Lagoon's Prometheus metrics (their own prom-client registry), counted from the
   * first call: make it before `listen`. `opts` apply to that first call.
   */
  prometheus(opts?: MetricsOptions): LagoonMetrics;
  /**
   * A Hono handler serving the metrics in Prometheus text format:
   * `lagoon.app.get("/metrics", lagoon.metrics())`. Guard it like any route when the app is public.
   */
  metrics(opts?: MetricsOptions): (c: Context) => Promise<Response>;
  /** A full HTML page in the app's document (static pages, errors). */
  readonly page: PageFn;
  /** Serves on `port` (0: a free one) and accepts live sockets. */
  listen(opts?: ListenOptions): Promise<Listening>;
  /** Routes an existing HTTP server's upgrades to the live socket. */
  attach(server: Server): void;
  /** The request's client address: the socket's peer, or the forwarded one under `trustProxy`. */
  clientAddress(c: Context): string;
}

const NO_ASSETS: Assets = { head: () => "" };

/** Builds a Lagoon app from its options; serve it with `listen()`, or serve `app.fetch` yourself and `attach()` the live socket. */
export function createLagoon(opts: LagoonOptions): Lagoon {
  const router = new Router(opts.routes);
  const sessions = new Sessions(new Signer(opts.secret), opts.session);
  const pubsub = opts.pubsub ?? new MemoryPubSub();
  // every process of this PubSub learns the sessions revoked in the others
  sessions.revocations.connect(pubsub);
  const telemetry = new Telemetry();
  if (opts.observe) telemetry.on(opts.observe);
  const document = opts.document ?? defaultDocument();
  const assets = opts.assets ?? NO_ASSETS;
  const services: ViewServices = {
    router,
    pubsub,
    signFlash: (flash) => sessions.signFlash(flash),
    signView: (token) => sessions.signView(token),
    spans: telemetry,
    logError: (error, ctx) => console.error(`[lagoon] ${ctx.view} crashed in ${ctx.phase}:`, error),
    componentsPerView: opts.socket?.limits?.componentsPerView,
  };
  const live = createLiveSocket({
    path: `${opts.socketPath ?? "/live"}/websocket`,
    router,
    sessions,
    services,
    origins: opts.origins,
    trustProxy: opts.trustProxy,
    allowedHosts: opts.allowedHosts,
    trackedStatic: assets.tracked,
    uploads: createUploadStore(opts.uploads),
    ...opts.socket,
  });

  const health = new Health();
  const app = new Hono<LagoonEnv>();
  // before sessions: probes carry no cookie and need none
  app.get("/healthz", health.liveness());
  app.get("/readyz", health.readinessRoute());
  app.use(closeUnreadBodies);
  if (opts.securityHeaders !== false) app.use(securityHeaders(opts.securityHeaders));
  app.use(sessionMiddleware(sessions, opts.trustProxy));
  const render = renderLive({ busy: () => live.admission.busy, router, sessions, services, document, assets });
  for (const route of router.routes) app.get(route.path, render);
  const page = pageRenderer(document, assets);
  errorPages(app, page);

  let metrics: LagoonMetrics | undefined;
  const prometheus = (options?: MetricsOptions) => (metrics ??= new LagoonMetrics(telemetry, () => live.size, options));
  return {
    app,
    router,
    sessions,
    pubsub,
    telemetry,
    live,
    health,
    page,
    onTelemetry: (listener) => telemetry.on(listener),
    prometheus,
    metrics(options) {
      const m = prometheus(options);
      return async (c) => c.body(await m.text(), 200, { "Content-Type": m.contentType });
    },
    listen: (options) => listen(app.fetch, live, options, health),
    attach: (server) => attachLiveSocket(server, live),
    clientAddress: (c) => {
      const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      return incoming ? clientAddress(incoming, opts.trustProxy) : "unknown";
    },
  };
}

/**
 * A response sent before its request's body was read (bodyLimit's 413, a refusal before
 * parsing) tells the client to close the connection: @hono/node-server drains such a body
 * for at most 500 ms and then destroys the socket, which a client reusing the connection
 * would see as "other side closed". GET and HEAD carry no body.
 */
async function closeUnreadBodies(c: Context, next: () => Promise<void>): Promise<void> {
  await next();
  if (c.req.method === "GET" || c.req.method === "HEAD") return;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && !incoming.readableEnded) c.header("Connection", "close");
}
