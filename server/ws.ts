/**
 * The WebSocket endpoint (`/live/websocket`), on plain `ws` sharing the HTTP server.
 * Authentication happens in the HTTP upgrade, before `ws` sees the socket (the `ws` docs
 * advise this over verifyClient): the Origin must match the page's host (or an allowed
 * origin), and the cookie session plus CSRF token decide whether joins may mount.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { Channel, type ChannelLimits } from "./channel.js";
import type { Router } from "../shell/router.js";
import type { ViewServices } from "../shell/runtime.js";
import type { Sessions } from "./session.js";

export interface LiveSocketOptions {
  readonly path: string;
  readonly router: Router;
  readonly sessions: Sessions;
  readonly services: ViewServices;
  /** Extra origins allowed to connect, besides the request's own host (e.g. behind a proxy). */
  readonly origins?: readonly string[];
  /** Largest accepted frame in bytes (default 64 KiB). */
  readonly maxPayload?: number;
  /** Ping interval; a socket that missed a pong by the next ping is terminated. */
  readonly heartbeatMs?: number;
  readonly limits?: Partial<ChannelLimits>;
}

export interface LiveSocketServer {
  readonly wss: WebSocketServer;
  /** Open connections. */
  readonly size: number;
  /** Handles an upgrade if it is for the live socket path; returns false otherwise. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes every connection with 1001 (going away: clients reconnect rather than reload). */
  close(): Promise<void>;
}

const DEFAULT_LIMITS: ChannelLimits = { maxViews: 64 };

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

function reject(socket: Duplex, status: number, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${message.length}\r\n\r\n${message}`,
  );
}

export function createLiveSocket(opts: LiveSocketOptions): LiveSocketServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayload ?? 64 * 1024,
    // compression: ~22x memory per connection in our measurements, and CRIME/BREACH-style leaks
    perMessageDeflate: false,
  });
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const alive = new WeakMap<WebSocket, boolean>();

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, opts.heartbeatMs ?? 30_000);
  heartbeat.unref();

  const server: LiveSocketServer = {
    wss,
    get size() {
      return wss.clients.size;
    },
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname !== opts.path) return false;
      if (!originAllowed(req, opts.origins ?? [])) {
        reject(socket, 403, "Forbidden origin");
        return true;
      }
      const session = opts.sessions.read(req.headers.cookie);
      const csrfOk = opts.sessions.checkCsrf(session, url.searchParams.get("_csrf_token"));
      wss.handleUpgrade(req, socket, head, (ws) => {
        alive.set(ws, true);
        ws.on("pong", () => alive.set(ws, true));
        const channel = new Channel({
          conn: {
            send: (text) => ws.send(text),
            close: (code, reason) => ws.close(code, reason),
          },
          session,
          csrfOk,
          router: opts.router,
          sessions: opts.sessions,
          services: opts.services,
          limits,
        });
        ws.on("message", (data, isBinary) => {
          if (isBinary) {
            // binary frames carry uploads only, which Lagoon does not take
            ws.close(1003, "binary frames are not supported");
            return;
          }
          channel.handle(data.toString());
        });
        ws.on("close", () => channel.close());
        ws.on("error", () => channel.close());
      });
      return true;
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
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
