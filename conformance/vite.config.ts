import { defineConfig } from "vite";
import { lagoon } from "lagoon/vite";

// The conformance app's browser bundle, built into .cache/conformance-client (npm run conformance).
export default defineConfig({
  plugins: [
    lagoon({
      entry: "conformance/client/main.ts",
      islands: "conformance/islands",
      outDir: process.env.CONFORMANCE_CLIENT_DIR ?? ".cache/conformance-client",
    }),
  ],
});
