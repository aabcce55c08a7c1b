/** The benchmark views (bench/views.ts) on a Lagoon of their own, with the browser bundle and `/__bench/memory`. */
import { randomBytes } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import { createLagoon, manifestAssets } from "../../server/index.js";
import { benchRoutes } from "../views.js";
import { memoryAfterGc } from "./memory.js";

const lagoon = createLagoon({
  routes: benchRoutes(),
  secret: randomBytes(32).toString("hex"),
  assets: manifestAssets("dist/client"),
  // one socket sends thousands of events a second: measure the framework, not its flood limits
  socket: { limits: { burst: Infinity, perSecond: Infinity, connectionsPerAddress: Infinity } },
});
lagoon.app.use("/assets/*", serveStatic({ root: "dist/client" }));
lagoon.app.get("/__bench/memory", (c) => c.json(memoryAfterGc()));
const { port } = await lagoon.listen({ port: 0, hostname: "127.0.0.1" });
console.log(`PORT ${port}`);
