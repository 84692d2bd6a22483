import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { skewedSentimentPool } from "./helpers/skewedPool.js";
import { toJsonl } from "./helpers/synthetic.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

const dir = tempDir();
const train = writeFile(dir, "train.jsonl", toJsonl(skewedSentimentPool(1, 40, 10, 400, "")));
const test = writeFile(dir, "test.jsonl", toJsonl(skewedSentimentPool(2, 40, 5, 200, "t")));

async function run(strategy: string, guard: boolean) {
  const config = parseRunConfig({
    dataset: { train, test, idField: "id" },
    strategy,
    initial: { size: 10 },
    batchSize: 10,
    seed: 1,
    index: { kind: "exact" },
    classCoverage: { enabled: guard },
    stopping: { maxLabels: 70 },
  });
  const { state } = await runThread({ threadId: `${strategy}-${guard}`, checkpointer: new MemorySaver(), config });
  return state.history.map((round) => ({
    labels: round.labels,
    negatives: round.labelsPerClass?.neg ?? 0,
    accuracy: round.accuracy!,
    guarded: round.counters?.classCoverageGuard === 1,
  }));
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe.each(["probcover", "typiclust"])("the class-coverage guard on a pool that %s covers one-sidedly", (strategy) => {
  it("fixes the collapse: a round given to margin sampling brings the missing class, and the model back", async () => {
    const without = await run(strategy, false);
    // The known failure: after the random start (half negatives) the method labels positives
    // nearly only, and the model predicts one class (half the balanced test set) for rounds on end.
    expect(without[0].negatives / without[0].labels).toBeGreaterThanOrEqual(0.3);
    expect(without.slice(1, 5).every((round) => round.negatives / round.labels <= 0.25)).toBe(true);
    expect(without.slice(1, 5).every((round) => round.accuracy <= 0.55)).toBe(true);
    expect(without.some((round) => round.guarded)).toBe(false);

    const withGuard = await run(strategy, true);
    const fired = withGuard.findIndex((round) => round.guarded);
    expect(fired).toBeGreaterThan(0);
    // The guarded round's batch of 10 holds at least 5 of the missing class, and the model that
    // learns from it is right on most of the test set again.
    expect(withGuard[fired].negatives - withGuard[fired - 1].negatives).toBeGreaterThanOrEqual(5);
    expect(withGuard[fired].accuracy).toBeGreaterThan(0.85);
    expect(mean(withGuard.map((round) => round.accuracy))).toBeGreaterThan(mean(without.map((round) => round.accuracy)) + 0.15);
  });
});
