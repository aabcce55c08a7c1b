import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { lagoon } from "lagoon/vite";

// The demo's browser bundle, as any app's, rooted in its own folder: the client entry and
// islands sit here rather than under src/. The build goes to the repository's dist/client,
// where the demo's server, tests and benchmarks look. In this repository `lagoon` resolves
// to its TypeScript sources ("lagoon-source"), so the config loads natively under tsx
// (scripts/run.mjs).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [lagoon({ entry: "client.ts", islands: "islands", outDir: "../dist/client" })],
  resolve: { conditions: ["lagoon-source", "module", "browser", "development|production"] },
  // the dev server loads the app through Vite; Lagoon stays the process's own copy (Node
  // imports it, as it would from node_modules), one instance shared with the dev server
  ssr: {
    external: ["lagoon"],
    resolve: { conditions: ["lagoon-source", "module", "node", "development|production"], externalConditions: ["lagoon-source"] },
  },
});
