/**
 * The island modules the server renders with, by contract name. An app's islands are
 * found in its islands folder (discover.ts) and registered here; `island()` renders the
 * one a template names, synchronously.
 */
import { LagoonError } from "../shell/errors.js";
import type { IslandModule } from "./contract.js";

// one registry per process, even when a bundler loads a second copy of this module
const modules: Map<string, IslandModule> = ((globalThis as Record<symbol, unknown>)[Symbol.for("lagoon.islands")] ??= new Map()) as Map<
  string,
  IslandModule
>;

/**
 * Adds an island module for server rendering, or replaces the one of the same name (the
 * dev server does after an edit).
 */
export function registerIsland(mod: IslandModule): void {
  if (!mod || typeof mod.default !== "function" || typeof mod.contract?.name !== "string") {
    throw new LagoonError("island_module", "an island module exports its component as default and its contract as `contract`");
  }
  modules.set(mod.contract.name, mod);
}

/** The module of the island named `name`, if registered. */
export function islandModule(name: string): IslandModule | undefined {
  return modules.get(name);
}

/** Every island module registered for server rendering, by name. */
export function registeredIslands(): IslandModule[] {
  return [...modules.values()].sort((a, b) => a.contract.name.localeCompare(b.contract.name));
}
