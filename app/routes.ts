import { live, liveSession } from "../shell/index.js";
import type { TelemetryWindow } from "../server/index.js";
import { CounterLive } from "./views/counter.js";
import { dashboardLive } from "./views/dashboard.js";
import { HomeLive } from "./views/home.js";

/** The demo's live routes, grouped by live session. */
export function routes(opts: { telemetry: TelemetryWindow }) {
  return [
    liveSession({ name: "public" }, [
      live("/", HomeLive),
      live("/counter", CounterLive),
      live("/dashboard", dashboardLive(opts.telemetry)),
    ]),
  ];
}
