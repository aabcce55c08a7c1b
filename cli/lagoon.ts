#!/usr/bin/env node
/**
 * The `lagoon` command:
 *
 *   lagoon create <dir> [--lagoon <spec>]   a new app in <dir>
 *   lagoon gen live <Name> <field:type>...  a list + form live view and its test
 *   lagoon build                            the client bundle and the server, compiled
 *   lagoon start                            build what is stale, serve on PORT (3000)
 *   lagoon dev                              serve with Vite: hot reload of islands and views
 *   lagoon test                             the app's tests (vitest), then "N passed, N failed"
 *
 * Each command loads its module on demand; `start` sets NODE_ENV=production first, so the
 * framework's development checks are off before any of it loads.
 */
const [command, ...args] = process.argv.slice(2);

const USAGE = `usage:
  lagoon create <dir> [--lagoon <spec>]
  lagoon gen live <Name> <field:type>...
  lagoon build | start | dev | test`;

async function main(): Promise<number> {
  switch (command) {
    case "create":
      return (await import("./create.js")).create(args);
    case "gen":
      return (await import("./gen.js")).gen(args);
    case "build":
      return (await import("./build.js")).build(process.cwd());
    case "start":
      process.env.NODE_ENV ??= "production";
      return (await import("./start.js")).start(process.cwd());
    case "dev":
      return (await import("./dev.js")).dev(process.cwd());
    case "test":
      return (await import("./test.js")).test(process.cwd(), args);
    default:
      console.error(USAGE);
      return command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
