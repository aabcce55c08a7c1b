/** A Lagoon server for fixture views (tests/support/views) on 127.0.0.1, with the built client bundle. */
import { randomBytes } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import { createLagoon, manifestAssets, type Listening, type Lagoon } from "../../server/index.js";
import type { LiveRoute } from "../../shell/index.js";

export async function startFixtureServer(routes: Iterable<LiveRoute | LiveRoute[]>): Promise<Listening & { lagoon: Lagoon }> {
  const lagoon = createLagoon({ routes, secret: randomBytes(32).toString("hex"), assets: manifestAssets("dist/client") });
  lagoon.app.use("/assets/*", serveStatic({ root: "dist/client" }));
  const listening = await lagoon.listen({ port: 0 });
  return { ...listening, lagoon };
}
