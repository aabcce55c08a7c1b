/**
 * `npm run conformance`: serves the conformance app on HOST:PORT (default 127.0.0.1:4004),
 * with its browser bundle from .cache/conformance-client (scripts/run.mjs builds it).
 * Run Phoenix LiveView's e2e suite against http://localhost:4004.
 */
import { instantiateApp, manifestAssets } from "lagoon/server";
import { conformanceApp } from "./app.js";

export const CLIENT_DIR = process.env.CONFORMANCE_CLIENT_DIR ?? ".cache/conformance-client";

const port = Number(process.env.PORT ?? 4004);
const hostname = process.env.HOST ?? "127.0.0.1";
const running = await instantiateApp(conformanceApp, {
  // a fixed secret: the suite's sessions need survive no restart, and nothing here is private
  secret: process.env.LAGOON_SECRET ?? "conformance-".padEnd(48, "x"),
  assets: manifestAssets(CLIENT_DIR),
  clientDir: CLIENT_DIR,
});
const listening = await running.lagoon.listen({ port, hostname });
console.log(`Lagoon conformance app at http://${hostname}:${listening.port}`);

const stop = () => void listening.close().finally(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
