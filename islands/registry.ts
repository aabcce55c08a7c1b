/**
 * Every island, by contract name, as a loader of its module (component + contract). The
 * browser hook calls a loader only when an island of that name is on the page, so each
 * island is its own chunk and a page without islands loads no React; the server loads them
 * all once for server rendering. Add a line here for each new island.
 */
import type { IslandModule } from "./contract.js";

export const islands: Readonly<Record<string, () => Promise<IslandModule>>> = {
  Board: () => import("./board.js"),
  Tally: () => import("./tally.js"),
  TelemetryCharts: () => import("./telemetry.js"),
};
