/** The browser entry: Lagoon's client runtime (the official LiveView client) with the app's own hooks. */
import { createLiveSocket } from "lagoon/client";

createLiveSocket({ hooks: {} });
