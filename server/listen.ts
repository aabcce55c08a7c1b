/**
 * Serving a Lagoon app on a port: Node's HTTP server with the live socket on its upgrades.
 * `close` stops at once; `drain` is the graceful way out (SIGTERM, a deploy): readiness
 * turns false, the server stops accepting connections, live clients are told to reconnect
 * elsewhere (spread over a few seconds), and it closes once they are gone or at a timeout.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { DrainOptions } from "./drain.js";
import type { Health } from "./health.js";
import type { LiveSocketServer } from "./ws.js";
import { attachLiveSocket } from "./ws.js";

/** A serving Lagoon: where it listens, and its two ways to stop. */
export interface Listening {
  readonly server: Server;
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  /** Stops at once: closes the live sockets (1001), then the server. */
  close(): Promise<void>;
  /** Stops gracefully (see above); resolves once the server is closed. */
  drain(opts?: DrainOptions): Promise<void>;
}

/** Where `listen` serves. */
export interface ListenOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
}

/** `http://host:port` of a listening server, with IPv6 addresses in brackets. */
export function listeningUrl(info: AddressInfo): string {
  const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
  return `http://${host}:${info.port}`;
}

/** Serves `fetch` and the live socket; `close` closes the live sockets (1001), then the server. */
export function listen(
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>,
  live: LiveSocketServer,
  opts: ListenOptions = {},
  health?: Health,
): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: opts.port ?? 3000, hostname: opts.hostname ?? "127.0.0.1" }, (info: AddressInfo) => {
      const close = () => closeServer(server, live);
      const drain = async (drainOpts?: DrainOptions) => {
        health?.drain();
        // no new connections; requests under way finish, idle keep-alive connections close
        server.close();
        server.closeIdleConnections?.();
        await live.drain(drainOpts);
        await close();
      };
      resolve({ server, port: info.port, url: listeningUrl(info), close, drain });
    }) as Server;
    attachLiveSocket(server, live);
  });
}

export async function closeServer(server: Server, live: LiveSocketServer): Promise<void> {
  await live.close();
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
