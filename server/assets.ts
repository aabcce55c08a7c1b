/**
 * The <head> tags that load the browser bundle: from Vite's build manifest in production,
 * from the Vite dev server (with HMR) in development. Tags carry phx-track-static so the
 * client can notice a deploy.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { escapeHtml } from "../shell/escape.js";

/** The browser bundle's tags for each page's head (`manifestAssets()` or `devAssets()`). */
export interface Assets {
  /** Tags for the document head. */
  head(): string;
  /** Paths of the phx-track-static assets among them: a page holding others is from an older build. */
  readonly tracked?: readonly string[];
}

interface ManifestChunk {
  file: string;
  css?: string[];
  assets?: string[];
  imports?: string[];
  isEntry?: boolean;
}

/**
 * Reads `<outDir>/.vite/manifest.json` once (the build the Vite plugin writes); throws a
 * helpful error when the build is missing. `entry` is the client entry's path from the
 * project root; by default the build's one entry.
 */
export function manifestAssets(outDir = "dist/client", entry?: string, base = "/"): Assets {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  } catch {
    throw new Error(`no client build in ${outDir}: run \`npm run build\` (npm start builds it for you)`);
  }
  entry ??= Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  const chunk = entry === undefined ? undefined : manifest[entry];
  if (!chunk || entry === undefined) throw new Error(`the client build in ${outDir} has no entry${entry ? ` ${entry}` : ""}`);
  const css = new Set<string>();
  const preload = new Set<string>();
  const visit = (key: string, seen: Set<string>) => {
    const c = manifest[key];
    if (!c || seen.has(key)) return;
    seen.add(key);
    for (const file of c.css ?? []) css.add(file);
    if (key !== entry) preload.add(c.file);
    for (const imp of c.imports ?? []) visit(imp, seen);
  };
  visit(entry, new Set());
  const url = (file: string) => escapeHtml(base + file);
  const tags =
    [...css].map((f) => `<link phx-track-static rel="stylesheet" href="${url(f)}">`).join("") +
    [...preload].map((f) => `<link rel="modulepreload" href="${url(f)}">`).join("") +
    `<script type="module" defer phx-track-static src="${url(chunk.file)}"></script>`;
  const tracked = [...css, chunk.file].map((file) => base + file);
  return { head: () => tags, tracked };
}

/**
 * The URL paths of the files Vite's build in `outDir` names in its manifest: content-hashed,
 * so a browser may keep them for good (a new build gives new names). None without a build.
 */
export function fingerprintedFiles(outDir: string): ReadonlySet<string> {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  } catch {
    return new Set();
  }
  const files = new Set<string>();
  for (const chunk of Object.values(manifest)) {
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add("/" + file);
  }
  return files;
}

/** Development: scripts come from the Vite dev server mounted in the same process; `entry` from the project root. */
export function devAssets(entry = "src/client.ts"): Assets {
  const tags = `<script type="module" src="/@vite/client"></script><script type="module" src="/${escapeHtml(entry)}"></script>`;
  return { head: () => tags };
}
