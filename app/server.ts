/** Builds the demo application: the Lagoon host with its routes, domain, assets and settings. */
import { createLagoon, manifestAssets, TelemetryWindow, type Assets, type Lagoon, type LagoonOptions } from "../server/index.js";
import { MemoryPubSub, type PubSub } from "../shell/index.js";
import { serveStatic } from "@hono/node-server/serve-static";
import { islandGallery } from "../islands/index.js";
import { authRoutes } from "./auth.js";
import { openContext, type AppContext } from "./context.js";
import { routes } from "./routes.js";

export interface AppOptions {
  secret: string;
  /** SQLite file (created, migrated and seeded when missing); ":memory:" for a throwaway one. */
  db: string;
  pubsub?: PubSub;
  /** Simulated catalog latency for the search page, in ms. */
  catalogDelayMs?: number;
  /** Browser bundle tags; default: the Vite build in dist/client. */
  assets?: Assets;
  /** Directory of the built client, served under /assets. */
  clientDir?: string;
  /** Live socket limits (frame rate, sockets per address...); Lagoon's defaults otherwise. */
  socket?: LagoonOptions["socket"];
  /** Development (npm run dev): adds the island gallery at /__islands. */
  dev?: boolean;
}

export interface App {
  readonly lagoon: Lagoon;
  readonly ctx: AppContext;
  /** Closes the database (after the server stopped). */
  close(): void;
}

export function createApp(opts: AppOptions): App {
  const clientDir = opts.clientDir ?? "dist/client";
  const pubsub = opts.pubsub ?? new MemoryPubSub();
  const ctx = openContext({ db: opts.db, pubsub, catalogDelayMs: opts.catalogDelayMs });
  // the last five minutes of this server's telemetry, for /dashboard
  const telemetry = new TelemetryWindow();
  const lagoon = createLagoon({
    routes: opts.dev ? [...routes(ctx, telemetry), islandGallery()] : routes(ctx, telemetry),
    observe: (event) => telemetry.record(event),
    secret: opts.secret,
    pubsub,
    assets: opts.assets ?? manifestAssets(clientDir),
    socket: opts.socket,
  });
  authRoutes(lagoon, ctx.accounts);
  lagoon.app.use("/assets/*", serveStatic({ root: clientDir }));
  lagoon.app.get("/metrics", lagoon.metrics());
  return { lagoon, ctx, close: () => ctx.close() };
}
