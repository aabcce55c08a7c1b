/**
 * Finding an app's islands by convention: every `.tsx`/`.jsx` module directly in its
 * islands folder (or `.js` once compiled) is one island, exporting its component as
 * default and its contract as `contract`, and named after it: `board.tsx` or `Board.tsx`
 * holds `Board`, `telemetry-charts.tsx` holds `TelemetryCharts`. Contract files
 * (`*.contract.ts`) and tests beside them are not islands. Modules named `*.client.tsx` are
 * client-only: the server never imports them (for libraries that need `window`); it loads
 * their contract, if it has a module of its own beside them (`chart.client.tsx` and
 * `chart.contract.ts`), so their props are checked and the gallery shows them. The Vite
 * plugin (lagoon/vite) applies the same rule for the browser. So is an island whose contract,
 * in a module of its own, says `load: "only"`: the server loads the contract and never the
 * component. Every other island module is imported at start, also one a view renders with
 * `island(C, { load: "only" })` (which skips its server render, not its import): a module
 * that throws a ReferenceError as it loads (`window is not defined`) stops the start with an
 * error naming its `.client.tsx` name.
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LagoonError } from "../shell/errors.js";
import { islandKey, type AnyIsland, type IslandModule } from "./contract.js";
import { registerClientOnly, registerIsland } from "./registry.js";

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

const CONTRACT = /\.contract\.(ts|mts|js|mjs)$/;

/**
 * Imports and registers every server-renderable island in `dir`, and notes the client-only
 * ones. `load` imports one file (Vite's ssrLoadModule in development). Returns the names
 * of the islands registered for server rendering.
 */
export async function loadIslands(
  dir: string | URL,
  load: (file: string) => Promise<unknown> = (file) => import(/* @vite-ignore */ file),
): Promise<string[]> {
  const path = typeof dir === "string" ? dir : fileURLToPath(dir);
  let all: string[];
  try {
    all = readdirSync(path).sort();
  } catch {
    return []; // no islands folder: an app without islands
  }
  const names: string[] = [];
  for (const file of all.filter(isIslandFile)) {
    const key = fileKey(file);
    const beside = all.find((f) => CONTRACT.test(f) && fileKey(f.replace(CONTRACT, ".ts")) === key);
    if (isClientOnly(file)) {
      registerClientOnly(key, beside ? findContract(await load(join(path, beside)), key) : undefined);
      continue;
    }
    // a contract of its own that says "only": the component stays unimported
    const own = beside ? findContract(await load(join(path, beside)), key) : undefined;
    if (own?.load === "only") {
      registerClientOnly(key, own);
      continue;
    }
    const mod = (await importOnServer(load, join(path, file))) as Partial<IslandModule>;
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

/**
 * Imports an ordinary island module, which the server renders with. One that needs the
 * browser to load (it reads `window` or `document` at import) stops the start with the rules
 * to follow: such a module is named `*.client.tsx`, or its contract says `load: "only"`;
 * the server imports neither.
 */
async function importOnServer(load: (file: string) => Promise<unknown>, file: string): Promise<unknown> {
  try {
    return await load(file);
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const client = basename(file).replace(MODULE, ".client.$1");
    throw new LagoonError(
      "island_import",
      `${file}: the server cannot import it (${error.message}); a module that needs the browser to load goes in ${client}, or its contract (in a module of its own) says load: "only": the server never imports it, and the island renders in the browser only`,
      { cause: error },
    );
  }
}

/** The contract a contract module exports for the island `key`, if any. */
function findContract(mod: unknown, key: string): AnyIsland | undefined {
  for (const value of Object.values((mod ?? {}) as Record<string, unknown>)) {
    const c = value as Partial<AnyIsland> | null;
    if (typeof c === "object" && c !== null && typeof c.name === "string" && islandKey(c.name) === key && c.props) return c as AnyIsland;
  }
  return undefined;
}
