import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "graphs/**/*.test.ts", "nodes/**/*.test.ts", "runtime/**/*.test.ts", "tools/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI: one worker per core.
    maxWorkers: 2,
  },
});
