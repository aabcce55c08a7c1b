/**
 * `lagoon start`: builds what is stale (lagoon build), then serves the compiled app
 * (dist/server/server.js) with its islands (dist/server/islands) and client bundle
 * (dist/client) on PORT (3000) and HOST (127.0.0.1). SIGTERM and SIGINT close the live
 * sockets (clients reconnect elsewhere) and stop.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "./build.js";
import { upToDate } from "./paths.js";

export async function start(root: string): Promise<number> {
  const sources = ["src", "vite.config.ts", "tsconfig.json", "tsconfig.build.json", "package.json"];
  if (!upToDate(root, ["dist/server/server.js", "dist/client/.vite/manifest.json"], sources)) {
    const status = await build(root);
    if (status !== 0) return status;
  }
  const serverFile = join(root, "dist", "server", "server.js");
  if (!existsSync(serverFile)) {
    console.error(`lagoon start: no ${serverFile}; the app's server module is src/server.ts (export default defineApp({ routes }))`);
    return 1;
  }
  const [{ instantiateApp, loadSecret, manifestAssets }, { loadIslands }] = await Promise.all([
    import("../server/index.js"),
    import("../islands/index.js"),
  ]);
  await loadIslands(join(root, "dist", "server", "islands"));
  const mod = (await import(pathToFileURL(serverFile).href)) as { default?: Parameters<typeof instantiateApp>[0] };
  if (!mod.default) throw new Error(`${serverFile} has no default export: export default defineApp({ routes })`);
  const clientDir = join(root, "dist", "client");
  const app = await instantiateApp(mod.default, {
    secret: loadSecret(join(root, "data", "secret")),
    assets: manifestAssets(clientDir),
    clientDir,
  });
  const port = Number(process.env.PORT ?? 3000);
  const listening = await app.lagoon.listen({ port, hostname: process.env.HOST ?? "127.0.0.1" });
  console.log(`Listening at ${listening.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  await listening.close();
  await app.close();
  return 0;
}
