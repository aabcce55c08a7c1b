/** Builds the demo application: the Lagoon host with its routes, assets and settings. */
import { createLagoon, manifestAssets, TelemetryWindow, type Assets, type Lagoon, type LagoonOptions } from "../server/index.js";
import { serveStatic } from "@hono/node-server/serve-static";
import { routes } from "./routes.js";

export interface AppOptions {
  secret: string;
  /** Browser bundle tags; default: the Vite build in dist/client. */
  assets?: Assets;
  /** Directory of the built client, served under /assets. */
  clientDir?: string;
  /** Live socket limits (frame rate, sockets per address...); Lagoon's defaults otherwise. */
  socket?: LagoonOptions["socket"];
}

export function createApp(opts: AppOptions): Lagoon {
  const clientDir = opts.clientDir ?? "dist/client";
  // the last five minutes of this server's telemetry, for /dashboard
  const telemetry = new TelemetryWindow();
  const lagoon = createLagoon({
    routes: routes({ telemetry }),
    observe: (event) => telemetry.record(event),
    secret: opts.secret,
    assets: opts.assets ?? manifestAssets(clientDir),
    socket: opts.socket,
  });
  lagoon.app.use("/assets/*", serveStatic({ root: clientDir }));
  lagoon.app.get("/metrics", lagoon.metrics());
  return lagoon;
}
