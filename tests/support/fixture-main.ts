/**
 * A fixture server as a process of its own, for tests that kill it or run several: serves
 * the routes FIXTURE_ROUTES names (`<module of tests/support/views>#<export>`, e.g.
 * `forms#formRoutes`; the export is called with the server's PubSub) on PORT, signing with
 * LAGOON_SECRET. PubSub crosses processes through Redis with LAGOON_REDIS_URL; with
 * FIXTURE_WORKERS=N, N cluster workers share the port and PubSub crosses them through this
 * primary. Started by startFixtureProcess (app-process.ts).
 */
import cluster from "node:cluster";
import { MemoryPubSub, type LiveRoute, type PubSub } from "../../shell/index.js";
import { ClusterPubSub, RedisPubSub, relayClusterPubSub } from "../../server/index.js";
import { startFixtureServer } from "./fixture-server.js";

const port = Number(process.env.PORT ?? 0);
const workers = Number(process.env.FIXTURE_WORKERS ?? 1);

if (cluster.isPrimary && workers > 1) {
  relayClusterPubSub();
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    if (++listening === workers) console.log(`Lagoon fixture at http://127.0.0.1:${address.port} (${workers} workers)`);
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  // workers go with the primary, however it ends
  process.on("SIGTERM", () => process.exit(0));
  process.on("exit", () => Object.values(cluster.workers ?? {}).forEach((worker) => worker?.process.kill("SIGKILL")));
} else {
  const redis = process.env.LAGOON_REDIS_URL;
  const pubsub: PubSub = redis ? new RedisPubSub(redis) : cluster.isWorker ? new ClusterPubSub() : new MemoryPubSub();
  const [module, name] = (process.env.FIXTURE_ROUTES ?? "").split("#");
  const routes = ((await import(`./views/${module}.js`)) as Record<string, (pubsub: PubSub) => LiveRoute[][]>)[name!]!(pubsub);
  const server = await startFixtureServer(routes, { port, secret: process.env.LAGOON_SECRET, pubsub });
  if (cluster.isPrimary) console.log(`Lagoon fixture at ${server.url}`);
}
