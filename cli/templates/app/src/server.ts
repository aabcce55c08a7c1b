/** The app: its live routes, and ordinary Hono routes added in `setup` (/healthz and /readyz come with Lagoon). */
import { defineApp } from "lagoon/server";
import { routes } from "./routes.js";

export default defineApp({
  routes,
  setup(lagoon) {
    lagoon.app.get("/api/time", (c) => c.json({ now: new Date().toISOString() }));
    // readiness checks for what the app needs, e.g. lagoon.health.check("database", () => db.ping())
  },
});
