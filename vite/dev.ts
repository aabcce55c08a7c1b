/**
 * The development server: the app and Vite's dev server in one Node HTTP server. Vite's
 * middleware answers first (modules, HMR over the same port, React Fast Refresh);
 * everything else goes to the app, whose live socket shares the server.
 *
 * The app's server module is loaded through Vite, and loaded again when a module it
 * imports changes: the new instance takes over the server and the old one closes its
 * live sockets (1001), so connected pages reconnect to the new code, remount their views
 * and recover their forms, as Phoenix's code reloader does. An edited island component
 * is swapped in place by Fast Refresh instead (its view keeps its state), and the server
 * renders it anew from then on.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve, sep } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { createServer as createVite, type InlineConfig, type ViteDevServer } from "vite";
import { islandGallery } from "../islands/gallery.js";
import { reloadIslandsOnChange } from "../islands/dev.js";
import { devAssets } from "../server/assets.js";
import { instantiateApp, loadSecret, type App, type RunningApp } from "../server/define-app.js";
import { closeServer, listeningUrl, type Listening } from "../server/listen.js";
import { lagoonOptions } from "./plugin.js";

/** Options of `serveDev`. */
export interface DevServerOptions {
  /** The project root holding vite.config.ts; default the working directory. */
  readonly root?: string;
  /** The app's server module, from the root; default "src/server.ts". */
  readonly server?: string;
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly hostname?: string;
  /** The islands gallery's path; default "/__islands". */
  readonly gallery?: string;
  /** More of Vite's inline config, such as `configFile` (default: the root's vite.config.ts) and `configLoader`. */
  readonly vite?: InlineConfig;
}

/** The running dev server: a Listening, with Vite's server and the app serving now. */
export interface DevListening extends Listening {
  readonly vite: ViteDevServer;
  /** The app instance serving now (a new one after each reload). */
  readonly app: RunningApp;
  /** Resolves once the reload under way, if any, is done. */
  settled(): Promise<void>;
}

export async function serveDev(opts: DevServerOptions = {}): Promise<DevListening> {
  const root = resolve(opts.root ?? process.cwd());
  const http = createServer();
  const vite = await createVite({
    ...opts.vite,
    root,
    appType: "custom",
    // HMR rides on this server's upgrades (Vite's own subprotocol); the live socket keeps /live
    server: { middlewareMode: { server: http }, ws: { server: http } },
  });
  const plugin = lagoonOptions(vite.config.plugins);
  if (!plugin)
    throw new Error(
      `${vite.config.configFile ?? `${root}/vite.config.ts`} has no lagoon() plugin: add plugins: [lagoon()] from "lagoon/vite"`,
    );
  const serverModule = resolve(root, opts.server ?? "src/server.ts");
  const islandsDir = resolve(root, plugin.islands);
  const secret = loadSecret(resolve(root, "data", "secret"));
  // registered before the app's own watcher below: an edit reloads the islands first
  const islands = await reloadIslandsOnChange(vite, plugin.islands);

  const load = async (): Promise<RunningApp> => {
    const mod = (await vite.ssrLoadModule(serverModule)) as { default?: App };
    if (!mod.default) throw new Error(`${serverModule} has no default export: export default defineApp({ routes })`);
    return instantiateApp(mod.default, {
      secret,
      assets: devAssets(plugin.entry),
      extraRoutes: [islandGallery(opts.gallery ?? "/__islands")],
    });
  };
  let current = await load();
  let handler = getRequestListener(current.lagoon.app.fetch);
  let reloading = Promise.resolve();

  const reload = (file: string) => {
    const path = resolve(file);
    // island components hot-reload in the browser and on the server by themselves
    if (path.startsWith(islandsDir + sep) && !/\.contract\.[a-z]+$/.test(path)) return;
    const graph = vite.environments.ssr.moduleGraph;
    const mods = graph.getModulesByFile(path);
    if (!mods?.size) return;
    for (const mod of mods) graph.invalidateModule(mod);
    reloading = reloading.then(async () => {
      try {
        // an edited contract: the app's views and the gallery take the islands as reloaded
        await islands.settled();
        const next = await load();
        const previous = current;
        current = next;
        handler = getRequestListener(next.lagoon.app.fetch);
        // the pages of the old instance reconnect to the new one and remount their views
        await previous.lagoon.live.close();
        await previous.close();
      } catch (error) {
        console.error(`[lagoon] could not reload the app after ${file} changed:`, error);
      }
    });
  };
  vite.watcher.on("change", reload);

  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    // pages (navigations and form posts accept HTML) go straight to the app: Vite serves
    // extensionless paths as modules, so /islands would otherwise be a module
    if (req.headers.accept?.includes("text/html")) return void handler(req, res);
    vite.middlewares(req, res, () => void handler(req, res));
  });
  http.on("upgrade", (req, socket, head) => {
    current.lagoon.live.handleUpgrade(req, socket, head);
  });
  await new Promise<void>((done) => http.listen(opts.port ?? 3000, opts.hostname ?? "127.0.0.1", done));
  const close = async () => {
    await reloading;
    await vite.close();
    await closeServer(http, current.lagoon.live);
    await current.close();
  };
  const info = http.address() as AddressInfo;
  return {
    server: http,
    port: info.port,
    url: listeningUrl(info),
    vite,
    get app() {
      return current;
    },
    settled: () => reloading,
    close,
    // development has no load balancer to drain towards: stopping is closing
    drain: close,
  };
}
