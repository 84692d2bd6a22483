import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "graphs/**/*.test.ts", "nodes/**/*.test.ts", "runtime/**/*.test.ts", "tools/**/*.test.ts"],
    // The real local models run in `npm run test:models` (vitest.models.config.ts): together they
    // take minutes of CPU, which would put `npm test` over its four minutes on two cores.
    exclude: ["test/realModels/**", "**/node_modules/**"],
    // Tests check behaviour, not speed (speed is measured by the npm run bench* commands): a CLI
    // test that takes 20 s on an idle machine takes three times that beside another test run.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // Two cores on CI: one worker per core.
    maxWorkers: 2,
    // The CLI the tests start, compiled once a run (see the file).
    globalSetup: ["test/helpers/compiledSources.ts"],
  },
});
