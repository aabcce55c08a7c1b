/**
 * Finding an app's islands by convention: every `.tsx`/`.jsx` module directly in its
 * islands folder (or `.js` once compiled) is one island, exporting its component as
 * default and its contract as `contract`, and named after it: `board.tsx` or `Board.tsx`
 * holds `Board`, `telemetry-charts.tsx` holds `TelemetryCharts`. Contract files
 * (`*.contract.ts`) and tests beside them are not islands. Modules named `*.client.tsx` are
 * client-only: the server never imports them (for libraries that need `window`). The Vite
 * plugin (lagoon/vite) applies the same rule for the browser.
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LagoonError } from "../shell/errors.js";
import { islandKey, type IslandModule } from "./contract.js";
import { registerIsland } from "./registry.js";

const MODULE = /\.(tsx|jsx|js|mjs)$/;
const NOT_AN_ISLAND = /\.(contract|test|spec|d)\.[a-z]+$/;

/** Is `file` (a name in the islands folder) an island module? Client-only ones count; the server skips them. */
export function isIslandFile(file: string): boolean {
  return MODULE.test(file) && !NOT_AN_ISLAND.test(file) && !file.startsWith("_") && !file.startsWith(".");
}

export function isClientOnly(file: string): boolean {
  return /\.client\.[a-z]+$/.test(file);
}

/** The island name a file stands for: `telemetry-charts.tsx` → "telemetrycharts" (a key). */
export function fileKey(file: string): string {
  return islandKey(basename(file).replace(/(\.client)?\.[a-z]+$/, ""));
}

/**
 * Imports and registers every server-renderable island in `dir`. `load` imports one file
 * (Vite's ssrLoadModule in development). Returns the names registered.
 */
export async function loadIslands(
  dir: string | URL,
  load: (file: string) => Promise<unknown> = (file) => import(/* @vite-ignore */ file),
): Promise<string[]> {
  const path = typeof dir === "string" ? dir : fileURLToPath(dir);
  let files: string[];
  try {
    files = readdirSync(path).filter(isIslandFile).sort();
  } catch {
    return []; // no islands folder: an app without islands
  }
  const names: string[] = [];
  for (const file of files) {
    if (isClientOnly(file)) continue;
    const mod = (await load(join(path, file))) as Partial<IslandModule>;
    if (!mod.contract || typeof mod.default !== "function") {
      throw new LagoonError(
        "island_module",
        `${join(path, file)}: an island module exports its component as default and its contract as \`contract\``,
      );
    }
    if (islandKey(mod.contract.name) !== fileKey(file)) {
      throw new LagoonError(
        "island_name",
        `${join(path, file)} holds island ${mod.contract.name}: name the file after its island (${mod.contract.name}.tsx)`,
      );
    }
    registerIsland(mod as IslandModule);
    names.push(mod.contract.name);
  }
  return names;
}
