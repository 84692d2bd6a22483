import { defineConfig } from "vitest/config";

// The tests that run the real local models (SmolLM2-135M-Instruct, Gemma 3 270M, all-MiniLM-L6-v2,
// installed by scripts/install-models.sh): `npm run test:models`. Each skips, naming that script,
// when the models are absent.
export default defineConfig({
  test: {
    include: ["test/realModels/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // llama.cpp uses every core it is given: one model at a time.
    maxWorkers: 1,
  },
});
