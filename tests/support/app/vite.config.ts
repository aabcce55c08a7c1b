import { defineConfig } from "vite";
import { lagoon } from "../../../vite/index.js";

// The framework tests' fixture app: its client bundle goes to .cache/fixture-client.
export default defineConfig({
  root: new URL("../../..", import.meta.url).pathname,
  plugins: [lagoon({ entry: "tests/support/app/client.ts", islands: "tests/support/app/islands", outDir: ".cache/fixture-client" })],
  logLevel: "warn",
});
