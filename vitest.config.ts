import { defineConfig } from "vitest/config";

// In this repository `lagoon` and `lagoon/*` resolve to the framework's TypeScript sources
// (the "lagoon-source" export condition): the demo and the tests run on them directly.
const conditions = ["lagoon-source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["lagoon-source"] } },
  test: {
    // the official client's sources (TypeScript, extensionless imports) run through Vite, so
    // tests can apply diffs with its Rendered class
    server: { deps: { inline: [/phoenix_live_view\/assets\/js\//] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // browser tests drive a real Chromium; keep parallelism modest on 2-core machines
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: "lagoon", include: ["tests/**/*.test.ts"], globalSetup: ["tests/support/global-setup.ts"] } },
      // the demo's app tests once more, on Postgres (tests/support/demo.ts reads the cluster's URL); its
      // Chromium tests serve the demo on SQLite (tests/support/server.ts), so they run once
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["tests/app/**/*.test.ts"],
          exclude: ["tests/app/browser/**"],
          globalSetup: ["tests/support/postgres-setup.ts"],
        },
      },
    ],
  },
});
