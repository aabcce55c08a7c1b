import { defineConfig } from "vite";
import { lagoon } from "lagoon/vite";

// The browser bundle: src/client.ts, and each island of src/islands as its own chunk.
export default defineConfig({
  plugins: [lagoon()],
});
