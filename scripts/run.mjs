#!/usr/bin/env node
/**
 * `npm start` / `npm test` / `npm run bench` / `npm run dev` on a fresh machine: installs
 * what is missing (npm dependencies; Debian's chromium, redis-server and postgresql for
 * the tests), builds what is
 * stale (the browser bundle; for start, the framework and the demo compiled to
 * JavaScript), then runs the command. Only the npm registry and Debian's packages are
 * used: no step downloads a browser or a prebuilt binary of its own.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdirSync, statSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const command = process.argv[2];
const rest = process.argv.slice(3);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts, env: { ...process.env, ...opts.env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function must(cmd, args, opts) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    console.error(`\n${cmd} ${args.join(" ")} failed (exit ${status})`);
    process.exit(status);
  }
}

/** npm ci when node_modules is missing or older than package-lock.json. */
function ensureDependencies() {
  const lock = join(root, "package-lock.json");
  const stamp = join(root, "node_modules", ".lagoon-install");
  const hash = createHash("sha256").update(readFileSync(lock)).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  console.log("Installing npm dependencies (better-sqlite3 compiles from source: about a minute)...");
  must("npm", ["ci", "--no-audit", "--no-fund"], {
    // no prebuilt binary can be fetched here: build native modules against the local Node headers
    env: { npm_config_build_from_source: "true", npm_config_nodedir: process.env.npm_config_nodedir ?? "/usr" },
  });
  writeFileSync(stamp, hash);
}

/** Some Postgres server is installed (Debian puts each major version in /usr/lib/postgresql/<version>). */
function hasPostgres() {
  const dir = "/usr/lib/postgresql";
  return existsSync(dir) && readdirSync(dir).some((version) => existsSync(join(dir, version, "bin", "postgres")));
}

/**
 * Debian packages the tests need, installed when absent and we may: chromium for the
 * browser tests, redis-server for the Redis PubSub tests, postgresql for the Postgres
 * store (the tests start their own clusters in temporary directories, not the package's),
 * in one apt-get run. The benchmarks ask for chromium alone.
 */
function ensureTestPackages(
  packages = [
    ["/usr/bin/chromium", "chromium"],
    ["/usr/bin/redis-server", "redis-server"],
    [hasPostgres, "postgresql"],
  ],
) {
  const missing = packages.filter(([check]) => (typeof check === "function" ? !check() : !existsSync(check)));
  if (missing.length === 0) return;
  const names = missing.map(([, pkg]) => pkg);
  if (process.getuid?.() !== 0) {
    console.error(`This needs Debian's ${names.join(" and ")}: apt-get install ${names.join(" ")}`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${names.join(" and ")}...`);
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  must("apt-get", ["update", "-qq"], { env });
  must("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...names], { env });
}

function newestMtime(dir) {
  // a source folder may not exist yet (islands/ before the first island)
  if (!existsSync(join(root, dir))) return 0;
  let newest = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(join(root, path)).mtimeMs);
  }
  return newest;
}

/** Runs `cmd` unless `output` is newer than every file of `sources` (folders or files) and the lockfile. */
function fresh(output, sources) {
  const out = join(root, output);
  if (!existsSync(out)) return false;
  const newest = Math.max(
    ...sources.map((path) =>
      statSync(join(root, path), { throwIfNoEntry: false })?.isDirectory()
        ? newestMtime(path)
        : (statSync(join(root, path), { throwIfNoEntry: false })?.mtimeMs ?? 0),
    ),
    statSync(join(root, "package-lock.json")).mtimeMs,
  );
  return statSync(out).mtimeMs > newest;
}

// in this repository `lagoon` resolves to the framework's TypeScript sources, run through tsx
const FROM_SOURCES = ["--conditions=lagoon-source", "--import", "tsx"];

const FRAMEWORK = ["shell", "components", "server", "islands", "hooks", "vite", "cli", "tsconfig.json", "tsconfig.build.json"];

/** The browser bundle of the demo (dist/client), unless it is newer than its sources. */
function ensureClient() {
  if (
    fresh("dist/client/.vite/manifest.json", ["hooks", "islands", "app/client.ts", "app/app.css", "app/react-islands", "app/vite.config.ts", "vite"])
  )
    return;
  // the demo's config imports lagoon/vite, which resolves to the sources here: loaded natively under tsx
  must("node", [...FROM_SOURCES, "node_modules/vite/bin/vite.js", "build", "--config", "app/vite.config.ts", "--configLoader", "native", "--logLevel", "warn"]);
}

/** The framework as the package ships it (dist/shell, dist/server, ...), compiled by tsc. */
function ensurePackage() {
  if (fresh("dist/shell/index.js", FRAMEWORK)) return;
  must("npx", ["tsc", "-p", "tsconfig.build.json"]);
}

/** The demo compiled against the compiled framework (dist/app): production runs JavaScript. */
function ensureApp() {
  ensurePackage();
  if (fresh("dist/app/main.js", ["app", ...FRAMEWORK])) return;
  must("npx", ["tsc", "-p", "app/tsconfig.json"]);
}

/** The conformance app's browser bundle (.cache/conformance-client), unless it is newer than its sources. */
function ensureConformanceClient() {
  if (fresh(".cache/conformance-client/.vite/manifest.json", ["hooks", "islands", "vite", "conformance/client", "conformance/vite.config.ts"])) return;
  must("node", [...FROM_SOURCES, "node_modules/vite/bin/vite.js", "build", "--config", "conformance/vite.config.ts", "--configLoader", "native", "--logLevel", "warn"]);
}

/** Runs vitest, then prints its own `N passed, N failed` line from the JSON report. */
function test() {
  mkdirSync(join(root, ".cache"), { recursive: true });
  const report = join(root, ".cache", "vitest-report.json");
  const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...rest]);
  let passed = 0;
  let failed = 0;
  try {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed = r.numPassedTests;
    failed =
      r.numFailedTests +
      (r.numRuntimeErrorTestSuites ?? 0) +
      (r.testResults ?? []).filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  } catch {
    failed = Math.max(failed, 1);
  }
  if (status !== 0 && failed === 0) failed = 1;
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

ensureDependencies();
switch (command) {
  case "start":
    ensureClient();
    ensureApp();
    must("node", ["dist/app/main.js", ...rest], { env: { NODE_ENV: process.env.NODE_ENV ?? "production" } });
    break;
  case "dev":
    must("node", [...FROM_SOURCES, "app/dev.ts", ...rest]);
    break;
  case "build":
    ensureClient();
    ensureApp();
    break;
  case "build-package":
    ensurePackage();
    break;
  case "test":
    ensureTestPackages();
    ensureClient();
    test();
    break;
  case "conformance":
    // Phoenix LiveView's e2e support app, ported: serves on PORT (default 4004) for its Playwright suite
    ensureConformanceClient();
    must("node", [...FROM_SOURCES, "conformance/main.ts", ...rest]);
    break;
  case "bench":
    // the client-side benchmark drives Chromium
    ensureTestPackages([["/usr/bin/chromium", "chromium"]]);
    ensureClient();
    ensureApp();
    must("node", [...FROM_SOURCES, "--expose-gc", "bench/run.ts", ...rest]);
    break;
  default:
    console.error("usage: node scripts/run.mjs start|dev|build|test|bench|conformance");
    process.exit(2);
}
