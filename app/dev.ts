/**
 * `npm run dev`: the demo with Vite's dev server inside the same Node server (Lagoon's
 * dev server). Island edits hot-reload in place while live views keep their state; an
 * edited view or server module reloads the app, its pages remounting their views; the
 * islands gallery is at /__islands.
 */
import { serveDev } from "lagoon/vite";
import { loadSettings } from "./settings.js";

const settings = loadSettings();
const listening = await serveDev({
  // the demo is its own root (its vite.config.ts and server.ts sit here, not under src/)
  root: new URL(".", import.meta.url).pathname,
  server: "server.ts",
  port: settings.port,
  hostname: settings.host,
  // its config imports lagoon/vite, which this repository runs from its sources
  vite: { configLoader: "native" },
});
console.log(`Lagoon dev server at ${listening.url} (islands gallery: ${listening.url}/__islands)`);

const shutdown = () => void listening.close().finally(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
