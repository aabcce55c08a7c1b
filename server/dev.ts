/**
 * Development: the Lagoon app and Vite's dev server in one Node HTTP server. Vite's
 * middleware answers first (modules, /@vite/client, HMR over the same port, React Fast
 * Refresh), everything else goes to Hono, and the live socket shares the server. An edited
 * island is swapped in place by Fast Refresh: the page, its live views and their state stay.
 *
 * Vite is a development dependency, loaded here on demand: production never imports it.
 * Pair with `devAssets()` for the app's script tags.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { ViteDevServer } from "vite";
import type { Lagoon } from "./app.js";
import { closeServer, listeningUrl, type Listening } from "./listen.js";

export interface DevServerOptions {
  port?: number;
  hostname?: string;
  /** The project root holding vite.config.ts; default the working directory. */
  root?: string;
}

export interface DevListening extends Listening {
  readonly vite: ViteDevServer;
}

/** Serves `lagoon` with Vite's dev server in front of it. */
export async function listenWithVite(lagoon: Lagoon, opts: DevServerOptions = {}): Promise<DevListening> {
  const { createServer: createVite } = await import("vite");
  const http: Server = createServer();
  const vite = await createVite({
    root: opts.root,
    appType: "custom",
    // HMR rides on this server's upgrades (Vite's own subprotocol); the live socket keeps /live
    server: { middlewareMode: { server: http }, ws: { server: http } },
  });
  const hono = getRequestListener(lagoon.app.fetch);
  http.on("request", (req, res) => {
    // pages (navigations and form posts accept HTML) go straight to the app: Vite serves
    // extensionless paths as modules, so /islands would otherwise be islands/index.ts
    if (req.headers.accept?.includes("text/html")) return void hono(req, res);
    vite.middlewares(req, res, () => {
      void hono(req, res);
    });
  });
  lagoon.attach(http);
  await new Promise<void>((resolve) => http.listen(opts.port ?? 3000, opts.hostname ?? "127.0.0.1", resolve));
  return {
    server: http,
    port: (http.address() as AddressInfo).port,
    url: listeningUrl(http.address() as AddressInfo),
    vite,
    close: async () => {
      await vite.close();
      await closeServer(http, lagoon.live);
    },
  };
}
