#!/usr/bin/env node
/**
 * `npm start`, `npm run dev`, `npm test`, `npm run build` on a fresh clone: installs the
 * dependencies when they are missing or older than package.json, then runs Lagoon's
 * command (`lagoon start`: build what is stale, then serve http://localhost:3000).
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const [command = "start", ...rest] = process.argv.slice(2);
const installed = "node_modules/.package-lock.json";
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync("package.json").mtimeMs) {
  console.log("Installing dependencies...");
  const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (npm.status !== 0) process.exit(npm.status ?? 1);
}
const lagoon = spawnSync(process.execPath, ["node_modules/lagoon/dist/cli/lagoon.js", command, ...rest], { stdio: "inherit" });
process.exit(lagoon.status ?? 1);
