/**
 * `npm start`: serves the demo on PORT (default 3000).
 * `npm start -- --workers N`: N processes share the port (Node cluster); PubSub crosses
 * them through the primary, or through Redis when LAGOON_REDIS_URL is set (which is also
 * how several machines behind a load balancer share it: any process can serve any
 * reconnect, since session and view tokens are signed and self-contained). With
 * DATABASE_URL they share one Postgres database too.
 *
 * SIGTERM (or SIGINT) drains: /readyz turns false, no new connections, live clients are
 * sent to reconnect elsewhere, and the process exits once they left or after
 * LAGOON_DRAIN_MS.
 */
import cluster from "node:cluster";
import { ClusterPubSub, RedisPubSub, relayClusterPubSub } from "lagoon/server";
import type { PubSub } from "lagoon";
import { openDb } from "./db.js";
import { createApp } from "./server.js";
import { loadSettings } from "./settings.js";

const settings = loadSettings();

function workersArg(argv: string[]): number {
  const at = argv.indexOf("--workers");
  const raw = at >= 0 ? argv[at + 1] : process.env.LAGOON_WORKERS;
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`--workers must be a number from 1 to 64, got ${raw}`);
  return n;
}

const workers = cluster.isPrimary ? workersArg(process.argv.slice(2)) : 1;
const where = `http://${settings.host === "0.0.0.0" ? "localhost" : settings.host}:${settings.port}`;

if (cluster.isPrimary && workers > 1) {
  // migrate and seed once, before the workers open the database
  await (await openDb({ url: settings.databaseUrl, file: settings.db })).close();
  if (!settings.redisUrl) relayClusterPubSub();
  let stopping = false;
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers) console.log(`Lagoon demo at ${where} (${workers} workers)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`[lagoon] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  const shutdown = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    setTimeout(() => process.exit(0), settings.drainMs + 2_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
} else {
  const pubsub: PubSub | undefined = settings.redisUrl
    ? new RedisPubSub(settings.redisUrl)
    : cluster.isWorker
      ? new ClusterPubSub()
      : undefined;
  const app = await createApp({
    secret: settings.secret,
    db: settings.db,
    databaseUrl: settings.databaseUrl,
    pubsub,
    metricsToken: settings.metricsToken,
    production: settings.production,
    catalogDelayMs: settings.catalogDelayMs,
    allowedHosts: settings.allowedHosts,
    filesDir: settings.filesDir,
    uploadTmpDir: settings.uploadTmpDir,
    directUploads: settings.directUploads,
  });
  const listening = await app.lagoon.listen({ port: settings.port, hostname: settings.host });
  if (cluster.isPrimary)
    console.log(`Lagoon demo at http://${settings.host === "0.0.0.0" ? "localhost" : settings.host}:${listening.port}`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void listening
      .drain({ timeoutMs: settings.drainMs })
      .then(() => pubsub?.close?.())
      .finally(() => {
        void app.close().finally(() => process.exit(0));
      });
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
