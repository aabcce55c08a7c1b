/**
 * `lagoon/vite`: the Vite plugin of a Lagoon app (`plugins: [lagoon()]` in
 * vite.config.ts), and the development server that serves the app with it.
 */
import type { DevListening, DevServerOptions } from "./dev.js";

export { lagoon, type LagoonViteOptions } from "./plugin.js";
export type { DevListening, DevServerOptions } from "./dev.js";

/**
 * Serves the app (its server module's default export) with Vite: islands hot-reload in
 * place, and an edited server module reloads the app, its pages remounting their views.
 * Loaded on demand, so a vite.config.ts importing the plugin does not load the framework.
 */
export async function serveDev(opts?: DevServerOptions): Promise<DevListening> {
  return (await import("./dev.js")).serveDev(opts);
}
