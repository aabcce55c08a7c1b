/**
 * The demo application: its routes over its domain, the ordinary routes (log in, log out,
 * /metrics), and its islands. `npm start` serves it through app/main.ts (several workers,
 * Redis); `npm run dev` through Lagoon's dev server, which loads this module's default
 * export and reloads it when a module changes; tests build it with `createApp`.
 */
import { MemoryPubSub, type PubSub } from "lagoon";
import { loadIslands } from "lagoon/islands";
import { defineApp, instantiateApp, manifestAssets, TelemetryWindow } from "lagoon/server";
import type { AppDefinition, Assets, Lagoon, LagoonOptions } from "lagoon/server";
import { authRoutes } from "./auth.js";
import { openContext, type AppContext } from "./context.js";
import { downloadRoutes } from "./downloads.js";
import { FILE_LIMITS } from "./files.js";
import { directUploadRoute } from "./storage.js";
import { routes } from "./routes.js";
import { loadSettings } from "./settings.js";

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

/** The demo over an opened domain context. */
function definition(ctx: AppContext, opts: { socket?: LagoonOptions["socket"]; uploadTmpDir?: string }): AppDefinition {
  // the last five minutes of this server's telemetry, for /dashboard
  const telemetry = new TelemetryWindow();
  return {
    routes: routes(ctx, telemetry),
    observe: (event) => telemetry.record(event),
    pubsub: ctx.pubsub,
    socket: opts.socket,
    uploads: { dir: opts.uploadTmpDir ?? "./data/tmp" },
    setup(lagoon) {
      authRoutes(lagoon, ctx.accounts);
      downloadRoutes(lagoon, ctx.files, ctx.accounts);
      // takes only what the storage presigned, which it does for direct uploads
      directUploadRoute(lagoon, ctx.storage, FILE_LIMITS.maxFileSize);
      lagoon.app.get("/metrics", lagoon.metrics());
      return () => ctx.close();
    },
  };
}

/** The demo's islands, for server rendering. */
export const islandsDir = new URL("./islands/", import.meta.url);

/** Builds the demo on `opts.db`, with its islands loaded, ready to listen. */
export async function createApp(opts: AppOptions): Promise<App> {
  await loadIslands(islandsDir);
  const ctx = openContext({
    db: opts.db,
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
export default defineApp(() => {
  const settings = loadSettings();
  const ctx = openContext({ ...settings, pubsub: new MemoryPubSub() });
  return definition(ctx, { uploadTmpDir: settings.uploadTmpDir });
});
