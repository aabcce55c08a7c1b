/**
 * The Vite plugin of a Lagoon app.
 *
 *   // vite.config.ts
 *   import { defineConfig } from "vite";
 *   import { lagoon } from "lagoon/vite";
 *   export default defineConfig({ plugins: [lagoon()] });
 *
 * It builds the app's client entry (default `src/client.ts`) into `dist/client` with a
 * manifest the server reads, makes every island of the islands folder (default
 * `src/islands`) its own chunk through the virtual module `virtual:lagoon/islands` (the
 * browser runtime loads an island only when a page shows it, so a page without islands
 * loads no React), adds React with Fast Refresh, and pre-bundles what the islands import
 * so the dev server does not reload on first use. The browser's copy of each island
 * contract keeps only what the browser reads of it (browser-contract.ts), and each script
 * and style gets brotli and gzipped copies the server sends (precompress.ts).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defaultServerConditions, normalizePath, type Plugin, type PluginOption, type ViteDevServer } from "vite";

import { fileKey, isIslandFile } from "../islands/discover.js";
import { browserContracts } from "./browser-contract.js";
import { processConditions } from "./conditions.js";
import { precompress } from "./precompress.js";

/** Options of the `lagoon()` Vite plugin: where the app's files are. */
export interface LagoonViteOptions {
  /** The browser entry, from the project root; default "src/client.ts". */
  readonly entry?: string;
  /** The islands folder, from the project root; default "src/islands". */
  readonly islands?: string;
  /** Where the client build goes; default "dist/client" (where the server looks). */
  readonly outDir?: string;
}

const VIRTUAL = "virtual:lagoon/islands";
/** React's packages, bundled as one chunk (loaded with a page's first island, never by the entry). */
const REACT = /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/;
/** The React side of Lagoon's Island hook, which the hook imports with a page's first island (here or in dist/, without extension). */
const ISLAND_ROOT = normalizePath(fileURLToPath(new URL("../hooks/island-root", import.meta.url)));
const RESOLVED = "\0" + VIRTUAL;
/** Modules that may define island contracts (TypeScript is JavaScript by the time the plugin sees it). */
const SCRIPT = /\.[cm]?[jt]sx?($|\?)/;

/** The resolved options, for Lagoon's own tools (the dev server finds the islands folder here). */
export interface LagoonPluginApi {
  readonly entry: string;
  readonly islands: string;
  readonly outDir: string;
}

/** The Vite plugin of a Lagoon app: `plugins: [lagoon()]` (see the module comment). */
export function lagoon(opts: LagoonViteOptions = {}): PluginOption[] {
  const api: LagoonPluginApi = {
    entry: opts.entry ?? "src/client.ts",
    islands: opts.islands ?? "src/islands",
    outDir: opts.outDir ?? "dist/client",
  };
  let root = process.cwd();
  let serving = false;
  /** What only the React side of the hook imports, not the entry: found once the build has read every module. */
  let reactSide = new Set<string>();
  const islandFiles = () => {
    const dir = resolve(root, api.islands);
    return existsSync(dir) ? readdirSync(dir).filter(isIslandFile).sort() : [];
  };
  const plugin: Plugin & { api: LagoonPluginApi } = {
    name: "lagoon",
    api,
    config(config, env) {
      root = resolve(config.root ?? process.cwd());
      const hasIslands = islandFiles().length > 0;
      return {
        publicDir: false,
        build: {
          outDir: api.outDir,
          emptyOutDir: true,
          manifest: true,
          // the server reads the manifest; source maps are not served in production
          sourcemap: env.mode !== "production",
          rolldownOptions: {
            input: api.entry,
            // React in one chunk, with what only the React side of Lagoon's hook needs: the first
            // island on a page needs all of it (react-dom/client imports react-dom, scheduler and
            // react), and chunks that always load together gzip worse apart
            ...(hasIslands
              ? {
                  output: {
                    codeSplitting: {
                      groups: [
                        { name: "react", test: (id: string) => REACT.test(id) || reactSide.has(id), includeDependenciesRecursively: false },
                      ],
                    },
                  },
                }
              : {}),
          },
        },
        // there is no index.html to scan: name the entries, so every dependency is
        // pre-bundled at startup rather than on first use (which would reload the page)
        // Lagoon itself is served as its modules (its browser runtime imports the virtual
        // module of islands, which a pre-bundle could not resolve); what it and the islands
        // import is pre-bundled up front
        optimizeDeps: {
          entries: [api.entry, `${api.islands}/*.{tsx,jsx}`],
          exclude: ["lagoon"],
          include: [
            "phoenix",
            "phoenix_live_view",
            ...(hasIslands ? ["react", "react-dom", "react-dom/client", "react/jsx-runtime", "react/jsx-dev-runtime"] : []),
          ],
        },
        // Vitest runs Lagoon through its own module loader, so lagoon/testing can load the
        // app's islands (TypeScript, JSX) for server rendering as the server does
        test: { server: { deps: { inline: ["lagoon"] } } },
        ...sameLagoon(processConditions()),
      } as Record<string, unknown>;
    },
    configResolved(config) {
      root = config.root;
      serving = config.command === "serve";
    },
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : undefined;
    },
    buildEnd() {
      // only the build splits chunks (the dev server serves modules)
      if (serving) return;
      const ids = [...this.getModuleIds()];
      const reached = (from: string[]) => {
        const seen = new Set<string>();
        const todo = [...from];
        for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
          if (seen.has(id)) continue;
          seen.add(id);
          todo.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const entry = reached(ids.filter((id) => this.getModuleInfo(id)?.isEntry));
      const islandRoot = ids.filter((id) => id.replace(/\.[jt]s$/, "") === ISLAND_ROOT);
      reactSide = new Set([...reached(islandRoot)].filter((id) => !entry.has(id)));
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const dir = resolve(root, api.islands);
      const lines = islandFiles().map((file) => `  ${JSON.stringify(fileKey(file))}: () => import(${JSON.stringify(join(dir, file))}),`);
      return `export const islands = {\n${lines.join("\n")}\n};\n`;
    },
    transform(code, id) {
      // development: React Fast Refresh needs its preamble before any island runs
      if (!serving || resolve(root, api.entry) !== id.split("?")[0]) return undefined;
      return { code: `import "@vitejs/plugin-react/preamble";\n${code}`, map: null };
    },
    configureServer(server: ViteDevServer) {
      // an island added or removed changes the virtual module
      const dir = resolve(root, api.islands);
      const changed = (file: string) => {
        if (!resolve(file).startsWith(dir)) return;
        const mod = server.environments.client.moduleGraph.getModuleById(RESOLVED);
        if (mod) server.environments.client.moduleGraph.invalidateModule(mod);
      };
      server.watcher.on("add", changed);
      server.watcher.on("unlink", changed);
    },
  };
  const contracts: Plugin = {
    name: "lagoon:contracts",
    // the server (its Vite environment, Vitest) imports contracts whole, and checks them
    applyToEnvironment: (environment) => environment.config.consumer === "client",
    transform: {
      filter: { id: SCRIPT, code: "defineIsland" },
      handler(code) {
        const cut = browserContracts(code, (text) => this.parse(text));
        // no map: what was cut is blanked in place, so the code's lines and columns are unchanged
        return cut === undefined ? undefined : { code: cut, map: null };
      },
    },
  };
  return [react(), plugin, contracts, precompress()];
}

/**
 * Under the process's own export conditions (conditions.ts), Lagoon resolves as the process
 * resolves it, in the bundle and on the dev server's server side; there Lagoon stays the
 * process's own copy (imported by Node, not by Vite), the one instance the dev server shares.
 */
function sameLagoon(conditions: readonly string[]): Record<string, unknown> {
  if (conditions.length === 0) return {};
  return {
    resolve: { conditions: [...conditions, ...defaultClientConditions] },
    ssr: {
      external: ["lagoon"],
      resolve: { conditions: [...conditions, ...defaultServerConditions], externalConditions: [...conditions] },
    },
  };
}

/** The Lagoon plugin's options in a resolved Vite config, if it has the plugin. */
export function lagoonOptions(plugins: readonly { name: string }[]): LagoonPluginApi | undefined {
  return (plugins.find((p) => p.name === "lagoon") as (Plugin & { api?: LagoonPluginApi }) | undefined)?.api;
}
