/** `npm start`: serves the demo on PORT (default 3000). */
import { createApp } from "./server.js";
import { loadSettings } from "./settings.js";

const settings = loadSettings();
const app = createApp({ secret: settings.secret, db: settings.db, catalogDelayMs: settings.catalogDelayMs });
const listening = await app.lagoon.listen({ port: settings.port, hostname: settings.host });
console.log(`Lagoon demo at http://${settings.host === "0.0.0.0" ? "localhost" : settings.host}:${listening.port}`);

const shutdown = () => {
  void listening.close().then(() => {
    app.close();
    process.exit(0);
  });
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
