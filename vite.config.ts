import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The browser bundle: hooks/app.ts boots the LiveView client. Each island in
// islands/registry.ts is a dynamic import, so it becomes its own chunk, and React (shared
// by the islands) another: a page without islands loads neither.
export default defineConfig({
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: "dist/client",
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    rolldownOptions: {
      input: "hooks/app.ts",
    },
  },
  // development (npm run dev): there is no index.html to scan, so name the entries; every
  // dependency is then pre-bundled at startup instead of on first use, which would reload the page
  optimizeDeps: {
    entries: ["hooks/app.ts", "islands/*.tsx"],
  },
});
