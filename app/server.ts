/**
 * The demo application: its routes over its domain, the ordinary routes (log in, log out,
 * /metrics), its readiness checks (database, Redis), and its islands. `npm start` serves
 * it through app/main.ts (several workers, Redis); `npm run dev` through Lagoon's dev
 * server, which loads this module's default export and reloads it when a module changes;
 * tests build it with `createApp`.
 */
import { MemoryPubSub, type PubSub } from "lagoon";
import { loadIslands } from "lagoon/islands";
import { defineApp, instantiateApp, manifestAssets, RedisPubSub, TelemetryWindow } from "lagoon/server";
import type { AppDefinition, Assets, Lagoon, LagoonOptions } from "lagoon/server";
import { authRoutes } from "./auth.js";
import { demoLimits } from "./limits.js";
import { openContext, type AppContext } from "./context.js";
import { downloadRoutes } from "./downloads.js";
import { FILE_LIMITS } from "./files.js";
import { directUploadRoute } from "./storage.js";
import { metricsGuard } from "./metrics-guard.js";
import { routes } from "./routes.js";
import { loadSettings } from "./settings.js";

export interface AppOptions {
  secret: string;
  /** SQLite file (created, migrated and seeded when missing); ":memory:" for a throwaway one. */
  db?: string;
  /** A postgres:// URL: the database is there instead (migrated and seeded on start). */
  databaseUrl?: string;
  pubsub?: PubSub;
  /** The bearer token /metrics asks for; unset, /metrics is open unless `production`. */
  metricsToken?: string;
  production?: boolean;
  /** Simulated catalog latency for the search page, in ms. */
  catalogDelayMs?: number;
  /** Browser bundle tags; default: the Vite build in dist/client. */
  assets?: Assets;
  /** Directory of the built client, served under /assets. */
  clientDir?: string;
  /** Live socket limits (frame rate, sockets per address...); Lagoon's defaults otherwise. */
  socket?: LagoonOptions["socket"];
  /** Host names the live socket accepts besides loopback ones (LAGOON_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** Where uploaded files are kept (default ./data/uploads). */
  filesDir?: string;
  /** Where uploads in progress are written (default ./data/tmp). */
  uploadTmpDir?: string;
  /** Browsers post files to the storage themselves (the S3 uploader) rather than through the live socket. */
  directUploads?: boolean;
}

export interface App {
  readonly lagoon: Lagoon;
  readonly ctx: AppContext;
  /** Closes the database (after the server stopped). */
  close(): Promise<void>;
}

type DefinitionOptions = Pick<AppOptions, "socket" | "metricsToken" | "production" | "allowedHosts" | "uploadTmpDir">;

/** The demo over an opened domain context. */
function definition(ctx: AppContext, opts: DefinitionOptions): AppDefinition {
  // the last five minutes of this server's telemetry, for /dashboard
  const telemetry = new TelemetryWindow();
  const limits = demoLimits();
  return {
    routes: routes(ctx, telemetry, limits),
    allowedHosts: opts.allowedHosts,
    observe: (event) => telemetry.record(event),
    pubsub: ctx.pubsub,
    socket: opts.socket,
    uploads: { dir: opts.uploadTmpDir ?? "./data/tmp" },
    setup(lagoon) {
      authRoutes(lagoon, ctx.accounts, limits);
      downloadRoutes(lagoon, ctx.files, ctx.accounts);
      // takes only what the storage presigned, which it does for direct uploads
      directUploadRoute(lagoon, ctx.storage, FILE_LIMITS.maxFileSize);
      lagoon.app.get("/metrics", metricsGuard(opts), lagoon.metrics());
      lagoon.health.check("database", () => ctx.db.ping());
      const pubsub = ctx.pubsub;
      if (pubsub instanceof RedisPubSub) lagoon.health.check("redis", () => pubsub.reachable());
      return () => ctx.close();
    },
  };
}

/** The demo's islands, for server rendering. */
export const islandsDir = new URL("./react-islands/", import.meta.url);

/** Builds the demo on its database, with its islands loaded, ready to listen. */
export async function createApp(opts: AppOptions): Promise<App> {
  await loadIslands(islandsDir);
  const ctx = await openContext({
    db: { url: opts.databaseUrl, file: opts.db },
    pubsub: opts.pubsub ?? new MemoryPubSub(),
    catalogDelayMs: opts.catalogDelayMs,
    filesDir: opts.filesDir,
    secret: opts.secret,
    directUploads: opts.directUploads,
  });
  const clientDir = opts.clientDir ?? "dist/client";
  const running = await instantiateApp(definition(ctx, opts), {
    secret: opts.secret,
    assets: opts.assets ?? manifestAssets(clientDir),
    clientDir,
  });
  return { lagoon: running.lagoon, ctx, close: running.close };
}

/** `npm run dev`: the demo as Lagoon's dev server loads it, on the settings' database. */
export default defineApp(async () => {
  const settings = loadSettings();
  const ctx = await openContext({
    db: { url: settings.databaseUrl, file: settings.db },
    pubsub: new MemoryPubSub(),
    catalogDelayMs: settings.catalogDelayMs,
    filesDir: settings.filesDir,
    secret: settings.secret,
    directUploads: settings.directUploads,
  });
  return definition(ctx, {
    metricsToken: settings.metricsToken,
    production: settings.production,
    allowedHosts: settings.allowedHosts,
    uploadTmpDir: settings.uploadTmpDir,
  });
});
