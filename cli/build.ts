/** `lagoon build`: the client bundle (Vite, with the lagoon plugin) and the server compiled by tsc into dist/server. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export async function build(root: string): Promise<number> {
  const { build: viteBuild } = await import("vite");
  await viteBuild({ root, logLevel: "warn", mode: "production" });
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) {
    console.error("lagoon build: TypeScript is missing: npm install --save-dev typescript");
    return 1;
  }
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  return result.status ?? 1;
}
