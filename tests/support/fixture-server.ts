/** A Lagoon server for fixture views (tests/support/views) on 127.0.0.1, with the built client bundle. */
import { randomBytes } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import { createLagoon, manifestAssets, type Listening, type Lagoon, type LagoonOptions } from "../../server/index.js";
import type { LiveRoute } from "../../shell/index.js";

export interface FixtureOptions {
  /** Keep the secret across a restart, so pages and tokens of the first server stay valid. */
  secret?: string;
  /** Default 0 (a free port); a restart listens again on the first server's port. */
  port?: number;
  socket?: LagoonOptions["socket"];
  /** The browser bundle's tags; default the build in dist/client. */
  assets?: LagoonOptions["assets"];
}

export async function startFixtureServer(
  routes: Iterable<LiveRoute | LiveRoute[]>,
  opts: FixtureOptions = {},
): Promise<Listening & { lagoon: Lagoon }> {
  const lagoon = createLagoon({
    routes,
    secret: opts.secret ?? randomBytes(32).toString("hex"),
    assets: opts.assets ?? manifestAssets("dist/client"),
    socket: opts.socket,
  });
  lagoon.app.use("/assets/*", serveStatic({ root: "dist/client" }));
  const listening = await lagoon.listen({ port: opts.port ?? 0 });
  return { ...listening, lagoon };
}
