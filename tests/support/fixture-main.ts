/**
 * A fixture server as a process of its own, for tests that kill it: serves the routes
 * FIXTURE_ROUTES names (`<module of tests/support/views>#<export>`, e.g. `forms#formRoutes`)
 * on PORT, signing with LAGOON_SECRET. Started by startFixtureProcess (app-process.ts).
 */
import type { LiveRoute } from "../../shell/index.js";
import { startFixtureServer } from "./fixture-server.js";

const [module, name] = (process.env.FIXTURE_ROUTES ?? "").split("#");
const routes = ((await import(`./views/${module}.js`)) as Record<string, () => LiveRoute[][]>)[name!]!();
const server = await startFixtureServer(routes, { port: Number(process.env.PORT ?? 0), secret: process.env.LAGOON_SECRET });
console.log(`Lagoon fixture at ${server.url}`);
