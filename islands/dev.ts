/**
 * Development: keeps the server's island modules in step with the files. The browser gets
 * an edited island through Vite's HMR (React Fast Refresh); the server, which rendered the
 * island from the module it loaded, reloads it through Vite too, so the next page load's
 * HTML matches the new component and hydration stays clean. An edited contract takes
 * effect on the server the same way: the island modules that import it load again, and
 * the dev server reloads the app (its views import the contract too) once they have.
 */
import { resolve, sep } from "node:path";
import type { ViteDevServer } from "vite";
import { loadIslands } from "./discover.js";

/** The running reloads of `reloadIslandsOnChange`. */
export interface IslandReloads {
  /** Resolves once the reloads of the edits seen so far are done. */
  settled(): Promise<void>;
}

/**
 * Loads the islands of `dir` through Vite's server-side module graph, and again after
 * every edit under it. Resolves once they are first loaded (later reloads then only
 * transform what changed).
 */
export async function reloadIslandsOnChange(vite: ViteDevServer, dir: string): Promise<IslandReloads> {
  const root = resolve(vite.config.root, dir);
  const load = async (file?: string) => {
    if (file) {
      // Vite invalidates its server-side copy of the file later in its own handling of the
      // change; do it now, or the reload below would get the module from before the edit
      const graph = vite.environments.ssr.moduleGraph;
      for (const mod of graph.getModulesByFile(file) ?? []) graph.invalidateModule(mod);
    }
    try {
      await loadIslands(root, (path) => vite.ssrLoadModule(path));
    } catch (error) {
      console.error(`[lagoon] could not load the islands${file ? ` after ${file} changed` : ""}:`, error);
    }
  };
  // one load at a time, in the order of the edits: the last edit wins
  let queue = load();
  const reload = (file: string) => {
    if (resolve(file).startsWith(root + sep)) queue = queue.then(() => load(file));
  };
  vite.watcher.on("change", reload);
  vite.watcher.on("add", reload);
  await queue;
  return { settled: () => queue };
}
