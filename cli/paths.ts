/** Where things are: Lagoon's own package root, and whether an app's build is older than its sources. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The lagoon package's root, from its compiled CLI (dist/cli) or its sources (cli/). */
export function packageRoot(): string {
  const here = fileURLToPath(new URL(".", import.meta.url));
  return join(here, here.replace(/\/$/, "").endsWith(join("dist", "cli")) ? "../.." : "..");
}

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Every output exists and is newer than every source (files or folders, from `root`). */
export function upToDate(root: string, outputs: string[], sources: string[]): boolean {
  const built = outputs.map((o) => (existsSync(join(root, o)) ? statSync(join(root, o)).mtimeMs : 0));
  return Math.min(...built) > Math.max(...sources.map((s) => newest(join(root, s))));
}
