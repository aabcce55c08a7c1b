/** The app: its live routes, and ordinary Hono routes added in `setup`. */
import { defineApp } from "lagoon/server";
import { routes } from "./routes.js";

export default defineApp({
  routes,
  setup(lagoon) {
    lagoon.app.get("/healthz", (c) => c.text("ok"));
  },
});
