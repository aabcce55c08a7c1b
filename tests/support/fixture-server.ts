/**
 * A Lagoon server for fixture views (tests/support/views) on 127.0.0.1, with the fixture
 * app's client bundle (built by global-setup.ts) and its islands.
 */
import { randomBytes } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import { loadIslands } from "../../islands/discover.js";
import { createLagoon, manifestAssets, type Listening, type Lagoon, type LagoonOptions } from "../../server/index.js";
import type { LiveRoute } from "../../shell/index.js";

/** The fixture app's client build and islands. */
export const FIXTURE_CLIENT = ".cache/fixture-client";
export const FIXTURE_ISLANDS = new URL("./app/islands/", import.meta.url);

export interface FixtureOptions {
  /** Keep the secret across a restart, so pages and tokens of the first server stay valid. */
  secret?: string;
  /** Default 0 (a free port); a restart listens again on the first server's port. */
  port?: number;
  socket?: LagoonOptions["socket"];
  /** The browser bundle's tags; default the fixture app's build. */
  assets?: LagoonOptions["assets"];
  /** Share one PubSub between servers standing for processes. */
  pubsub?: LagoonOptions["pubsub"];
  /** Where uploads' temporary files go. */
  uploads?: LagoonOptions["uploads"];
  securityHeaders?: LagoonOptions["securityHeaders"];
  /** Adds the test's own HTTP routes (form posts, /metrics) before the server listens. */
  setup?: (lagoon: Lagoon) => void;
}

export type FixtureServer = Listening & { lagoon: Lagoon };

export async function startFixtureServer(routes: Iterable<LiveRoute | LiveRoute[]>, opts: FixtureOptions = {}): Promise<FixtureServer> {
  await loadIslands(FIXTURE_ISLANDS);
  const lagoon = createLagoon({
    routes,
    secret: opts.secret ?? randomBytes(32).toString("hex"),
    assets: opts.assets ?? manifestAssets(FIXTURE_CLIENT),
    socket: opts.socket,
    pubsub: opts.pubsub,
    uploads: opts.uploads,
    securityHeaders: opts.securityHeaders,
  });
  lagoon.app.use("/assets/*", serveStatic({ root: FIXTURE_CLIENT }));
  opts.setup?.(lagoon);
  const listening = await lagoon.listen({ port: opts.port ?? 0 });
  return { ...listening, lagoon };
}
