import type { HooksOptions } from "phoenix_live_view";
import { IslandHook } from "./island.js";

/** Lagoon's client hooks, registered on the LiveSocket by name (phx-hook="Name"). */
export const hooks: HooksOptions = { Island: IslandHook };
