import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // browser tests drive a real Chromium; keep parallelism modest on 2-core machines
    maxWorkers: 2,
    fileParallelism: true,
  },
});
