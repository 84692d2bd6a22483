import { MemorySaver } from "@langchain/langgraph";
import { afterAll, describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { tokenize } from "../tools/embed/tokenize.js";
import { registerTargetModel } from "../tools/models/registry.js";
import type { ModelRows, TargetModel, TrainingSet } from "../tools/models/targetModel.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { fixtureConfig } from "./helpers/fixtures.js";

/**
 * A model that reads only texts, as a remote classifier would: multinomial naive Bayes over words,
 * answering asynchronously. It records what it was fitted on and asked about.
 */
const calls = { fits: [] as number[], asked: [] as number[] };
function naiveBayes(training: TrainingSet): TargetModel {
  const K = training.classes.length;
  const counts = Array.from({ length: K }, () => new Map<string, number>());
  const totals = new Float64Array(K);
  const priors = new Float64Array(K).fill(1);
  training.texts.forEach((text, i) => {
    priors[training.y[i]]++;
    for (const word of tokenize(text)) {
      counts[training.y[i]].set(word, (counts[training.y[i]].get(word) ?? 0) + 1);
      totals[training.y[i]]++;
    }
  });
  calls.fits.push(training.texts.length);
  return {
    async predictProba(rows: ModelRows) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      calls.asked.push(rows.texts.length);
      const out = new Float32Array(rows.texts.length * K);
      rows.texts.forEach((text, i) => {
        const logp = Array.from(
          { length: K },
          (_, k) => Math.log(priors[k]) + tokenize(text).reduce((s, w) => s + Math.log(((counts[k].get(w) ?? 0) + 0.1) / (totals[k] + 100)), 0),
        );
        const max = Math.max(...logp);
        const sum = logp.reduce((s, v) => s + Math.exp(v - max), 0);
        logp.forEach((v, k) => (out[i * K + k] = Math.exp(v - max) / sum));
      });
      return out;
    },
  };
}
registerTargetModel("remote-bayes", naiveBayes);
registerTargetModel("broken", () => ({ predictProba: ({ texts }) => new Float32Array(texts.length * 3).fill(0.5) }));

describe("a registered target model", () => {
  afterAll(() => {
    calls.fits.length = 0;
  });

  it("is fitted, queried and evaluated by the loop end to end", async () => {
    const config = parseRunConfig(fixtureConfig({ model: { kind: "remote-bayes" }, strategy: "margin", stopping: { maxLabels: 30 } }));
    const { state } = await runThread({ threadId: "custom", checkpointer: new MemorySaver(), config });
    expect(state.history.map((m) => m.labels)).toEqual([10, 20, 30]);
    // Fitted on every label set the loop trained on, and asked about the pool (240) and the test split (90).
    expect(calls.fits).toEqual(expect.arrayContaining([10, 20, 30]));
    expect(calls.asked).toEqual(expect.arrayContaining([240, 90]));

    // The accuracy the loop recorded is the model's own, on the test split, from the final labels.
    const dataset = await loadDataset(config.dataset);
    const test = dataset.test!;
    const classes = dataset.labels;
    const byId = new Map(dataset.train.map((item) => [item.id, item.text]));
    const model = naiveBayes({
      texts: state.labels.map((record) => byId.get(record.id)!),
      y: Int32Array.from(state.labels, (record) => classes.indexOf(record.label)),
      classes,
      features: { rows: 0, cols: 0, blocks: [] },
    });
    const probs = await model.predictProba({ features: { rows: 0, cols: 0, blocks: [] }, texts: test.map((item) => item.text) });
    const right = test.filter((item, i) => {
      const row = Array.from(probs.subarray(i * 3, i * 3 + 3));
      return classes[row.indexOf(Math.max(...row))] === item.label;
    }).length;
    expect(state.history.at(-1)!.accuracy).toBeCloseTo(right / test.length, 10);
    expect(right / test.length).toBeGreaterThan(0.5);
  });

  it("is refused with the model named when its probabilities do not sum to 1", async () => {
    const config = parseRunConfig(fixtureConfig({ model: { kind: "broken" }, stopping: { maxLabels: 20 } }));
    await expect(runThread({ threadId: "broken", checkpointer: new MemorySaver(), config })).rejects.toThrow(
      /target model "broken": row 0's probabilities sum to 1.5/,
    );
  });

  it("must be registered before a config names it", () => {
    expect(() => parseRunConfig(fixtureConfig({ model: { kind: "nowhere" } }))).toThrow(
      /model.kind: unknown target model "nowhere" \(known: softmax, svm, centroid, prototype-svm, remote-bayes, broken/,
    );
  });
});
