/**
 * An app as Lagoon's runner serves it: what the app decides (routes, ordinary Hono routes,
 * its resources) apart from what the runtime gives it (the signing secret, the browser
 * bundle's assets, development extras). The app's server module default-exports it:
 *
 *   // src/server.ts
 *   import { defineApp } from "lagoon/server";
 *   import { routes } from "./routes.js";
 *   export default defineApp({ routes });
 *
 * `lagoon start` builds and serves it on http://localhost:3000; `lagoon dev` serves it
 * with Vite, reloading it when a server module changes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import type { LiveRoute } from "../shell/router.js";
import { createLagoon, type Lagoon, type LagoonOptions } from "./app.js";
import { fingerprintedFiles, type Assets } from "./assets.js";

/** An app for Lagoon's runner: createLagoon's options less what the runner gives (secret, assets), plus `setup`. */
export interface AppDefinition extends Omit<LagoonOptions, "secret" | "assets"> {
  /**
   * Runs once the Lagoon exists: ordinary routes (`lagoon.app.get(...)`), middleware.
   * May return a cleanup run when the app stops (or is reloaded in development).
   */
  setup?(lagoon: Lagoon): void | (() => void | Promise<void>);
}

/** An app, or a function making one (fresh resources for each instance, as a reload in development needs). */
export type App = AppDefinition | (() => AppDefinition | Promise<AppDefinition>);

/** Declares the app a server module default-exports (returns `app`, typed); `lagoon start` and `lagoon dev` serve it. */
export function defineApp(app: App): App {
  return app;
}

/** What the runner gives an app. */
export interface AppRuntime {
  readonly secret: string;
  readonly assets: Assets;
  /** The client build to serve under /assets (production); none in development, where Vite serves it. */
  readonly clientDir?: string;
  /** Live routes the runner adds (the islands gallery in development). */
  readonly extraRoutes?: readonly (LiveRoute | LiveRoute[])[];
}

/** An app made by `instantiateApp`: its Lagoon, and the way to stop it. */
export interface RunningApp {
  readonly lagoon: Lagoon;
  /** Runs the app's cleanup (its live sockets are the caller's to close). */
  close(): Promise<void>;
}

/** Builds the Lagoon of `app` for `runtime`. */
export async function instantiateApp(app: App, runtime: AppRuntime): Promise<RunningApp> {
  const def = typeof app === "function" ? await app() : app;
  if (!def || typeof def !== "object" || !def.routes) {
    throw new TypeError("the app's server module must default-export defineApp({ routes, ... })");
  }
  const lagoon = createLagoon({
    // host names besides loopback ones, for a deployment behind a domain
    allowedHosts: process.env.LAGOON_ALLOWED_HOSTS
      ? ["localhost", "127.0.0.1", "::1", ...process.env.LAGOON_ALLOWED_HOSTS.split(",")]
      : undefined,
    ...def,
    routes: [...def.routes, ...(runtime.extraRoutes ?? [])],
    secret: runtime.secret,
    assets: runtime.assets,
  });
  if (runtime.clientDir) serveBuild(lagoon, runtime.clientDir);
  const cleanup = def.setup?.(lagoon);
  return {
    lagoon,
    close: async () => {
      if (typeof cleanup === "function") await cleanup();
    },
  };
}

/**
 * Serves the client build under /assets. Its hashed files are cached for good: without a
 * Cache-Control (and with no validator to revalidate against) the browser would fetch the
 * whole bundle again on every page load and reload.
 */
function serveBuild(lagoon: Lagoon, clientDir: string): void {
  const fingerprinted = fingerprintedFiles(clientDir);
  lagoon.app.use("/assets/*", async (c, next) => {
    await next();
    if (c.res.status === 200 && fingerprinted.has(c.req.path)) c.header("Cache-Control", "public, max-age=31536000, immutable");
  });
  // the build's brotli and gzipped copies (lagoon/vite writes them) go to browsers that accept them, brotli first
  lagoon.app.use("/assets/*", serveStatic({ root: clientDir, precompressed: true }));
}

/**
 * The signing secret: `LAGOON_SECRET`, or one generated on first start into `file`
 * (readable by its owner only), so sessions survive restarts.
 */
export function loadSecret(file = join("data", "secret"), env: NodeJS.ProcessEnv = process.env): string {
  if (env.LAGOON_SECRET) return env.LAGOON_SECRET;
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
