/**
 * Development: keeps the server's island modules in step with the files. The browser gets
 * an edited island through Vite's HMR (React Fast Refresh); the server, which rendered the
 * island from the module it loaded at startup, reloads it through Vite too, so the next
 * page load's HTML matches the new component and hydration stays clean.
 */
import { resolve, sep } from "node:path";
import type { ViteDevServer } from "vite";
import type { IslandModule } from "./contract.js";
import { registerIsland } from "./render.js";

/**
 * Serves the islands from Vite's server-side module graph from now on, and reloads them on
 * every edit under islands/. Resolves once they are first loaded through Vite (later
 * reloads then only transform what changed).
 */
export function reloadIslandsOnChange(vite: ViteDevServer): Promise<void> {
  const dir = resolve(vite.config.root, "islands") + sep;
  const load = async (file?: string) => {
    if (file) {
      // Vite invalidates its server-side copy of the file later in its own handling of the
      // change; do it now, or the reload below would get the module from before the edit
      const graph = vite.environments.ssr.moduleGraph;
      for (const mod of graph.getModulesByFile(file) ?? []) graph.invalidateModule(mod);
    }
    try {
      // the registry, loaded through Vite, imports each island module fresh after an edit
      const { islands } = (await vite.ssrLoadModule("/islands/registry.ts")) as { islands: Record<string, () => Promise<IslandModule>> };
      for (const load of Object.values(islands)) registerIsland(await load());
    } catch (error) {
      console.error(`[lagoon] could not load the islands${file ? ` after ${file} changed` : ""}:`, error);
    }
  };
  // one load at a time, in the order of the edits: the last edit wins
  let queue = load();
  const reload = (file: string) => {
    if (resolve(file).startsWith(dir)) queue = queue.then(() => load(file));
  };
  vite.watcher.on("change", reload);
  vite.watcher.on("add", reload);
  return queue;
}
