import { defineConfig } from "vite";
import { lagoon } from "./vite/index.js";

// The browser bundle of this repository's app, the demo: its client entry and islands
// live in app/. Lagoon itself resolves to its TypeScript sources here ("lagoon-source").
export default defineConfig({
  plugins: [lagoon({ entry: "app/client.ts", islands: "app/islands" })],
  resolve: { conditions: ["lagoon-source", "module", "browser", "development|production"] },
  // the dev server loads the app through Vite; Lagoon stays the process's own copy (Node
  // imports it, as it would from node_modules), one instance shared with the dev server
  ssr: {
    external: ["lagoon"],
    resolve: { conditions: ["lagoon-source", "module", "node", "development|production"], externalConditions: ["lagoon-source"] },
  },
});
