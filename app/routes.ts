import { live, liveSession } from "../shell/index.js";
import { CounterLive } from "./views/counter.js";
import { HomeLive } from "./views/home.js";
import { IslandsLive } from "./views/islands.js";

/** The demo's live routes, grouped by live session. */
export function routes() {
  return [liveSession({ name: "public" }, [live("/", HomeLive), live("/counter", CounterLive), live("/islands", IslandsLive)])];
}
