/** `lagoon/islands`: React islands on the server: contracts, `island()` in templates, typed events and commands, discovery. */
export * from "./contract-entry.js";
export { pushCommand } from "./contract.js";
export { island, type IslandOptions, type Load } from "./render.js";
export { islandEvents, type IslandHandlers, type IslandSource } from "./events.js";
export { loadIslands } from "./discover.js";
export { registerIsland, registeredIslands } from "./registry.js";
export { islandGallery } from "./gallery.js";
export { reloadIslandsOnChange, type IslandReloads } from "./dev.js";
