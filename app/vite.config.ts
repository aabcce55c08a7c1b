import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { lagoon } from "lagoon/vite";

// The demo's browser bundle, as any app's, rooted in its own folder: the client entry and
// islands sit here rather than under src/. The build goes to the repository's dist/client,
// where the demo's server, tests and benchmarks look.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [lagoon({ entry: "client.ts", islands: "react-islands", outDir: "../dist/client" })],
});
