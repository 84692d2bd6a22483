import { fileURLToPath } from "node:url";
import type { RunConfigInput } from "../../runtime/config/runConfig.js";

export const FIXTURE_TRAIN = fileURLToPath(new URL("../fixtures/topics.train.jsonl", import.meta.url));
export const FIXTURE_TEST = fileURLToPath(new URL("../fixtures/topics.test.jsonl", import.meta.url));

/** A run on the committed three-topic fixture (240 pool items, 90 test items). */
export function fixtureConfig(overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST },
    strategy: "margin",
    initial: { size: 10 },
    batchSize: 10,
    seed: 7,
    stopping: { maxLabels: 30 },
    ...overrides,
  };
}
