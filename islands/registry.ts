/**
 * The island modules the server renders with, by contract name. An app's islands are
 * found in its islands folder (discover.ts) and registered here; `island()` renders the
 * one a template names, synchronously. Client-only islands (`*.client.tsx`) are known by
 * name only, with their contract when it has a module of its own: the server never
 * imports their component.
 */
import { LagoonError } from "../shell/errors.js";
import { islandKey, type AnyIsland, type IslandModule } from "./contract.js";

interface Registry {
  readonly modules: Map<string, IslandModule>;
  /** Client-only islands by islandKey(name), with their contract when known. */
  readonly clientOnly: Map<string, AnyIsland | undefined>;
}

// one registry per process, even when a bundler loads a second copy of this module
const registry: Registry = ((globalThis as Record<symbol, unknown>)[Symbol.for("lagoon.islands.registry")] ??= {
  modules: new Map(),
  clientOnly: new Map(),
}) as Registry;

/**
 * Adds an island module for server rendering, or replaces the one of the same name (the
 * dev server does after an edit).
 */
export function registerIsland(mod: IslandModule): void {
  if (!mod || typeof mod.default !== "function" || typeof mod.contract?.name !== "string") {
    throw new LagoonError("island_module", "an island module exports its component as default and its contract as `contract`");
  }
  registry.modules.set(mod.contract.name, mod);
}

/** Notes a client-only island (by its file's key), and its contract when the server has it. */
export function registerClientOnly(key: string, contract?: AnyIsland): void {
  registry.clientOnly.set(key, contract);
}

/** The module of the island named `name`, if registered. */
export function islandModule(name: string): IslandModule | undefined {
  return registry.modules.get(name);
}

/** Is the island named `name` rendered in the browser only? */
export function isClientOnlyIsland(name: string): boolean {
  return registry.clientOnly.has(islandKey(name));
}

/** Every island module registered for server rendering, by name. */
export function registeredIslands(): IslandModule[] {
  return [...registry.modules.values()].sort((a, b) => a.contract.name.localeCompare(b.contract.name));
}

/** The contracts of the client-only islands whose contract the server loaded, by name. */
export function clientOnlyContracts(): AnyIsland[] {
  return [...registry.clientOnly.values()].filter((c) => c !== undefined).sort((a, b) => a.name.localeCompare(b.name));
}
