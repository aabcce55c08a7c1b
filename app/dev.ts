/**
 * `npm run dev`: the demo with Vite's dev server inside the same Node server. Island edits
 * hot-reload in place (React Fast Refresh) while live views keep their state, the server
 * renders the edited island on the next page load, and /__islands shows every island with
 * its sample props and an event log.
 */
import { devAssets, listenWithVite } from "../server/index.js";
import { reloadIslandsOnChange } from "../islands/index.js";
import { createApp } from "./server.js";
import { loadSettings } from "./settings.js";

const settings = loadSettings();
const app = createApp({
  secret: settings.secret,
  db: settings.db,
  catalogDelayMs: settings.catalogDelayMs,
  assets: devAssets(),
  dev: true,
});
const listening = await listenWithVite(app.lagoon, { port: settings.port, hostname: settings.host });
await reloadIslandsOnChange(listening.vite);
console.log(`Lagoon dev server at ${listening.url} (islands gallery: ${listening.url}/__islands)`);

const shutdown = () => {
  void listening.close().finally(() => {
    app.close();
    process.exit(0);
  });
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
