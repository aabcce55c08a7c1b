/** Lagoon's React islands, for the server side of an app: contracts, the template helper, event handlers. */
export {
  defineIsland,
  pushCommand,
  type IslandContract,
  type AnyIsland,
  type IslandProps,
  type IslandComponent,
  type PropsOf,
  type PropsInput,
  type EventName,
  type EventInput,
  type EventPayload,
  type EventReply,
  type ReplyInput,
  type CommandName,
  type CommandPayload,
  type Emit,
  type On,
} from "./contract.js";
export { island, encodeProps, registerIsland, registeredIslands, type IslandOptions, type Load } from "./render.js";
export { islandEvents, type IslandHandlers, type IslandSource } from "./events.js";
export { islands } from "./registry.js";
export { islandGallery } from "./gallery.js";
export { reloadIslandsOnChange } from "./dev.js";
export { Tally } from "./tally.contract.js";
export { Board, BoardColumn } from "./board.contract.js";
export { TelemetryCharts } from "./telemetry.contract.js";
