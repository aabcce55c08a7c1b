/**
 * `lagoon create <dir> [--lagoon <spec>]`: a new app from the templates in cli/templates/app,
 * its `lagoon` dependency `<spec>` (default this Lagoon's version) and the versions of
 * React, Vite, Vitest and TypeScript this Lagoon is built and tested with.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { packageRoot } from "./paths.js";

const TEMPLATES = join(packageRoot(), "cli", "templates", "app");
/** Files npm leaves out of packages under their real name. */
const RENAMED: Record<string, string> = { gitignore: ".gitignore" };

/** Lagoon's own package.json (shipped in the package). */
function lagoonPackage(): { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> } {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8"));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

export function create(args: string[]): number {
  const at = args.indexOf("--lagoon");
  const spec = at >= 0 ? args[at + 1] : undefined;
  const dir = args.find((a, i) => !a.startsWith("--") && (at < 0 || (i !== at && i !== at + 1)));
  if (!dir || (at >= 0 && !spec)) {
    console.error("usage: lagoon create <dir> [--lagoon <spec>]");
    return 2;
  }
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    console.error(`lagoon create: ${target} is not empty; choose a new directory (nothing was written)`);
    return 1;
  }
  const pkg = lagoonPackage();
  const name =
    basename(target)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "lagoon-app";
  const versions: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies, name, lagoon: spec ?? `^${pkg.version}` };
  for (const file of files(TEMPLATES)) {
    const rel = relative(TEMPLATES, file);
    const out = join(target, dirname(rel), RENAMED[basename(rel)] ?? basename(rel));
    const text = readFileSync(file, "utf8").replace(/\{\{([@\w/.-]+)\}\}/g, (whole, key: string) => {
      const value = versions[key];
      if (value === undefined) throw new Error(`template ${rel}: no value for ${whole}`);
      return value;
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  }
  console.log(`Created ${name} in ${target}.

  cd ${relative(process.cwd(), target) || "."}
  npm start      # installs, builds, serves http://localhost:3000
  npm run dev    # hot reload
  npm test`);
  return 0;
}
