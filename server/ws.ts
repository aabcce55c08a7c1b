/**
 * The WebSocket endpoint (`/live/websocket`), on plain `ws` sharing the HTTP server.
 * Authentication happens in the HTTP upgrade, before `ws` sees the socket (the `ws` docs
 * advise this over verifyClient): the Origin must match the page's host (or an allowed
 * origin), and the cookie session plus CSRF token decide whether joins may mount.
 *
 * Binary frames are upload chunks (shell/upload-channel.ts decodes them; on any other
 * topic the connection closes with 1003).
 *
 * Every socket is bounded (limits.ts): frame size and fragments (ws options), frames per
 * second (throttled, then closed), bytes waiting for a client that stopped reading, sockets
 * per client address, and a heartbeat that terminates half-open connections.
 */
import type { IncomingMessage, Server } from "node:http";
import { isIP } from "node:net";
import { getHeapStatistics } from "node:v8";
import { Admission } from "../shell/admission.js";
import { warnOnce } from "../shell/errors.js";
import type { Duplex } from "node:stream";
import { WebSocketServer, type ServerOptions } from "ws";
import { LiveConnection } from "../shell/connection.js";
import { drainSockets, type DrainOptions } from "./drain.js";
import { AddressCounter, DEFAULT_SOCKET_LIMITS, type SocketLimits } from "./limits.js";
import { CLOSE, connectionOf, WsConnection } from "./ws-connection.js";
import { clientAddress, type TrustProxy } from "./proxy.js";
import type { ConnectInfo } from "../shell/types.js";
import type { Router } from "../shell/router.js";
import type { ViewServices } from "../shell/internal.js";
import type { Sessions } from "./session.js";
import type { UploadStore } from "../shell/upload-types.js";

export interface LiveSocketOptions {
  readonly path: string;
  readonly router: Router;
  readonly sessions: Sessions;
  readonly services: ViewServices;
  /** Extra origins allowed to connect, besides the request's own host (e.g. behind a proxy). */
  readonly origins?: readonly string[];
  /** Largest accepted frame in bytes (default 64 KiB); a larger one closes the socket with 1009. */
  readonly maxPayload?: number;
  /** Ping interval (default 30 s); a socket that missed a pong by the next ping is terminated. */
  readonly heartbeatMs?: number;
  /** Bounds per socket and per user; each one left out keeps its DEFAULT_SOCKET_LIMITS value. */
  readonly limits?: Partial<SocketLimits>;
  /** Proxies trusted to set X-Forwarded-For (see proxy.ts); none by default. */
  readonly trustProxy?: TrustProxy;
  /** Paths of the running build's phx-track-static assets (views' staticChanged). */
  readonly trackedStatic?: readonly string[];
  /** Host names accepted at the upgrade (default: loopback names and IP addresses; ["*"]: any). */
  readonly allowedHosts?: readonly string[];
  /** Temporary files for upload chunks (server/upload-store.ts). */
  readonly uploads?: UploadStore;
}

export interface LiveSocketServer {
  readonly wss: WebSocketServer;
  /** The process-wide view budgets (views per user, memory). */
  readonly admission: Admission;
  /** Open connections. */
  readonly size: number;
  /** Handles an upgrade if it is for the live socket path; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes every connection with 1001 (going away: clients reconnect rather than reload). */
  close(): Promise<void>;
  /** Refuses new sockets (503) and closes the open ones, spread out (drain.ts); resolves when none is left. */
  drain(opts?: DrainOptions): Promise<void>;
}

// The client's frames are small JSON arrays, written whole: no browser fragments them or
// trickles them in tiny TCP chunks, so far fewer than ws's defaults (16,384 / 262,144) suffice.
const MAX_FRAGMENTS = 64;
const MAX_BUFFERED_CHUNKS = 4096;
// How long a closing socket may take to answer our close frame before it is destroyed: a
// client that stopped reading never will, and its unsent output is held until then.
const CLOSE_TIMEOUT_MS = 5000;

function originAllowed(req: IncomingMessage, extra: readonly string[]): boolean {
  const origin = req.headers.origin;
  // non-browser clients send no Origin and carry no ambient browser cookies: allowed
  if (origin === undefined) return true;
  if (extra.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

let heapSample = { at: 0, ratio: 0 };

/** Heap in use as a share of its limit, read at most every 250 ms (it is asked on every join). */
function heapRatio(): number {
  const now = performance.now();
  if (now - heapSample.at > 250) {
    const heap = getHeapStatistics();
    heapSample = { at: now, ratio: heap.used_heap_size / heap.heap_size_limit };
  }
  return heapSample.ratio;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * The upgrade's Host is one the app serves: a page on another name that resolves here
 * (DNS rebinding) has a matching Origin, so the Origin check alone does not stop it.
 */
export function hostAllowed(host: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (host === undefined) return false;
  const name = host.replace(/:\d+$/, "").toLowerCase();
  if (!allowed) return LOOPBACK.has(name) || name.endsWith(".localhost") || isIP(name.replace(/^\[|\]$/g, "")) !== 0;
  return allowed.includes("*") || allowed.some((h) => h.toLowerCase() === name);
}

const MAX_X_HEADERS = 32;

/** What views see of the upgrade request (connectInfo): bounded, and only what Phoenix exposes. */
function connectInfo(req: IncomingMessage, address: string): ConnectInfo {
  const xHeaders: Record<string, string> = {};
  let n = 0;
  for (const [name, value] of Object.entries(req.headers)) {
    if (!name.startsWith("x-") || value === undefined) continue;
    if (++n > MAX_X_HEADERS) break;
    xHeaders[name] = (Array.isArray(value) ? value.join(", ") : value).slice(0, 1024);
  }
  const ua = req.headers["user-agent"];
  return { address, userAgent: ua === undefined ? undefined : ua.slice(0, 512), xHeaders };
}

/** The address counts until the TCP socket is gone, whichever way the handshake or connection ends. */
function releaseOnClose(socket: Duplex, addresses: { release(address: string): void }, address: string): void {
  socket.once("close", () => addresses.release(address));
}

function reject(socket: Duplex, status: number, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${message.length}\r\n\r\n${message}`,
  );
}

export function createLiveSocket(opts: LiveSocketOptions): LiveSocketServer {
  const wsOptions: ServerOptions & { closeTimeout: number; maxPendingAutoPongs: number } = {
    noServer: true,
    maxPayload: opts.maxPayload ?? 64 * 1024,
    // compression: ~22x memory per connection in our measurements, and CRIME/BREACH-style leaks
    perMessageDeflate: false,
    maxFragments: MAX_FRAGMENTS,
    maxBufferedChunks: MAX_BUFFERED_CHUNKS,
    skipUTF8Validation: false,
    closeTimeout: CLOSE_TIMEOUT_MS,
    // pongs ws has answered but not yet written: a ping flood read in one chunk is terminated.
    // Room for the pings a throttled (paused) socket piles up meanwhile, which arrive together
    // when reading resumes; each pong is at most 131 bytes.
    maxPendingAutoPongs: 256,
  };
  const wss = new WebSocketServer(wsOptions);
  const limits: SocketLimits = { ...DEFAULT_SOCKET_LIMITS, ...opts.limits };
  // upload chunks are sized so their frames fit the frame limit
  const connectionLimits = { ...limits, maxFrame: wsOptions.maxPayload };
  const addresses = new AddressCounter(limits.connectionsPerAddress);
  const admission = new Admission(limits, heapRatio);
  let draining = false;

  // the open connections of each session and user, to close them when either is revoked
  const bySession = new Map<string, Set<WsConnection>>();
  const byUser = new Map<string, Set<WsConnection>>();
  const track = (map: Map<string, Set<WsConnection>>, key: string | undefined, conn: WsConnection) => {
    if (key === undefined) return;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(conn);
    conn.trackedIn(map, key);
  };
  const stopRevocations = opts.sessions.revocations.onRevoke(({ sid, user }) => {
    for (const conn of [
      ...(sid !== undefined ? (bySession.get(sid) ?? []) : []),
      ...(user !== undefined ? (byUser.get(user) ?? []) : []),
    ]) {
      conn.close(CLOSE.policy, "session revoked");
    }
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      const conn = connectionOf(ws);
      if (conn && !conn.alive) {
        ws.terminate();
        continue;
      }
      if (conn) conn.alive = false;
      ws.ping();
    }
  }, opts.heartbeatMs ?? 30_000);
  heartbeat.unref();

  const server: LiveSocketServer = {
    wss,
    admission,
    get size() {
      return wss.clients.size;
    },
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname !== opts.path) return false;
      if (draining) {
        reject(socket, 503, "Server draining");
        return true;
      }
      if (!hostAllowed(req.headers.host, opts.allowedHosts)) {
        warnOnce(
          "host-not-allowed",
          `refused a live socket for host ${JSON.stringify(String(req.headers.host).slice(0, 100))}: add it to allowedHosts (createLagoon) to accept it`,
        );
        reject(socket, 403, "Host not allowed");
        return true;
      }
      if (!originAllowed(req, opts.origins ?? [])) {
        reject(socket, 403, "Forbidden origin");
        return true;
      }
      const address = clientAddress(req, opts.trustProxy);
      if (!addresses.acquire(address)) {
        reject(socket, 429, "Too many connections");
        return true;
      }
      releaseOnClose(socket, addresses, address);
      const session = opts.sessions.read(req.headers.cookie);
      const csrfOk = opts.sessions.checkCsrf(session, url.searchParams.get("_csrf_token"));
      // read now: no closure below may name `req`, or the connection's listeners keep the request and its headers alive
      const info = connectInfo(req, address);
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = new WsConnection(
          ws,
          limits,
          (conn) =>
            new LiveConnection({
              conn,
              session,
              csrfOk,
              router: opts.router,
              tokens: opts.sessions,
              services: opts.services,
              limits: connectionLimits,
              info,
              trackedStatic: opts.trackedStatic,
              // a user's views count together over all their sockets; anonymous ones by session
              admission: session ? { budget: admission, owner: opts.sessions.userOf(session) ?? `sid:${session.sid}` } : undefined,
              uploads: opts.uploads,
            }),
        );
        if (session) {
          track(bySession, session.sid, conn);
          track(byUser, opts.sessions.userOf(session), conn);
        }
      });
      return true;
    },
    drain(drainOpts) {
      draining = true;
      return drainSockets(wss.clients, drainOpts);
    },
    close() {
      clearInterval(heartbeat);
      stopRevocations();
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, "server shutting down");
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
  return server;
}

/** Routes the HTTP server's upgrades to the live socket; others are refused. */
export function attachLiveSocket(httpServer: Server, live: LiveSocketServer): void {
  httpServer.on("upgrade", (req, socket, head) => {
    if (!live.handleUpgrade(req, socket, head) && httpServer.listenerCount("upgrade") === 1) {
      reject(socket, 404, "Not Found");
    }
  });
}
