import type { HooksOptions } from "phoenix_live_view";

/** Lagoon's client hooks, registered on the LiveSocket by name (phx-hook="Name"). */
export const hooks: HooksOptions = {};
