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

/** How long a failed reload after an edit waits before its one retry. */
const SETTLE_MS = 150;

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
  const loadOnce = (file?: string) => {
    if (file) {
      // Vite invalidates its server-side copy of the file later in its own handling of the
      // change; do it now, or the reload below would get the module from before the edit
      const graph = vite.environments.ssr.moduleGraph;
      for (const mod of graph.getModulesByFile(file) ?? []) graph.invalidateModule(mod);
    }
    return loadIslands(root, (path) => vite.ssrLoadModule(path));
  };
  const report = (error: unknown, file?: string) =>
    console.error(`[lagoon] could not load the islands${file ? ` after ${file} changed` : ""}:`, error);
  const load = async (file?: string) => {
    try {
      await loadOnce(file);
    } catch (error) {
      if (!file) return report(error);
      // an editor saving in place truncates the file, then writes it: a read in between
      // sees a torn module, and the write may bring no change event of its own
      await new Promise((done) => setTimeout(done, SETTLE_MS));
      await loadOnce(file).catch((again: unknown) => report(again, file));
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
