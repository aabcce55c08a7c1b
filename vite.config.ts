import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The browser bundle: hooks/app.ts boots the LiveView client; islands become their own chunks.
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
});
