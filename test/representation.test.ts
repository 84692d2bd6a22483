import { MemorySaver } from "@langchain/langgraph";
import { Embeddings } from "@langchain/core/embeddings";
import { beforeAll, describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { createServices } from "../runtime/services.js";
import { demonstrationsIn } from "../runtime/workspace/demonstrations.js";
import { labeledTexts } from "../runtime/workspace/labeledTexts.js";
import { registerEmbeddings } from "../tools/embed/embeddings.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

/**
 * A pool whose classes TF-IDF cannot see and embeddings can: every text is one token never seen
 * elsewhere ("w<n>"), and its class is the parity of n. TF-IDF rows of the test split are empty
 * (no test token is in the pool's vocabulary), so a model on TF-IDF guesses; an embedding that
 * knows the parity (as a sentence encoder knows a synonym) separates the classes.
 */
const line = (n: number) => JSON.stringify({ id: `w${n}`, text: `w${n}`, label: n % 2 === 0 ? "even" : "odd" });
const poolNumbers = Array.from({ length: 200 }, (_, i) => i);
const testNumbers = Array.from({ length: 60 }, (_, i) => 1000 + i);

/** Parity in the first dimension, seeded noise in the other seven; records every text it embeds. */
class ParityEmbeddings extends Embeddings {
  readonly seen: string[] = [];
  constructor() {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.seen.push(...texts);
    return texts.map((text) => {
      const n = Number(text.slice(1));
      return [n % 2 === 0 ? 1 : -1, ...Array.from({ length: 7 }, (_, d) => 0.3 * Math.sin(n * 12.9898 + d * 78.233))];
    });
  }
  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0];
  }
}

let dir: string;
const parity = new ParityEmbeddings();
beforeAll(() => {
  // A cache of its own: the fake model's vectors must not be read back by another test's run.
  process.env.ACTIVEGRAPH_CACHE_DIR = tempDir();
  dir = tempDir();
  writeFile(dir, "train.jsonl", `${poolNumbers.map(line).join("\n")}\n`);
  writeFile(dir, "test.jsonl", `${testNumbers.map(line).join("\n")}\n`);
  registerEmbeddings("parity", parity);
});

const config = (overrides: Partial<RunConfigInput>) =>
  parseRunConfig({
    dataset: { train: `${dir}/train.jsonl`, test: `${dir}/test.jsonl` },
    initial: { size: 10 },
    batchSize: 10,
    seed: 3,
    stopping: { maxLabels: 30 },
    ...overrides,
  });

async function finalAccuracy(overrides: Partial<RunConfigInput>, thread: string): Promise<number> {
  const { state } = await runThread({ threadId: thread, checkpointer: new MemorySaver(), config: config(overrides) });
  return state.history[state.history.length - 1].accuracy!;
}

describe("the representation (representation.features)", () => {
  it("is what the target model reads: embeddings and both separate classes that TF-IDF cannot see", async () => {
    const tfidf = await finalAccuracy({ strategy: "margin" }, "tfidf");
    const embeddings = await finalAccuracy({ strategy: "margin", representation: { features: "embeddings", embeddings: "parity" } }, "emb");
    const both = await finalAccuracy({ strategy: "margin", model: { kind: "svm" }, representation: { features: "both", embeddings: "parity" } }, "both");
    expect(tfidf).toBeLessThan(0.7);
    expect(embeddings).toBe(1);
    expect(both).toBeGreaterThan(0.95);
  });

  it("is what the vector strategies measure distance in, embedded once and then read from the disk cache", async () => {
    process.env.ACTIVEGRAPH_CACHE_DIR = tempDir();
    parity.seen.length = 0;
    await finalAccuracy({ strategy: "coreset" }, "coreset-tfidf");
    // On TF-IDF, CoreSet reads the projection: the embedding model is never asked.
    expect(parity.seen).toHaveLength(0);
    await finalAccuracy({ strategy: "coreset", representation: { features: "embeddings", embeddings: "parity" } }, "coreset-emb");
    // Embedded once (the pool, shared by the model and CoreSet; then the test split), whatever the rounds.
    expect(parity.seen.slice(0, 200)).toEqual(poolNumbers.map((n) => `w${n}`));
    expect(parity.seen.slice(200)).toEqual(testNumbers.map((n) => `w${n}`));
    // Another run on the same data reads the vectors back: nothing is embedded again.
    parity.seen.length = 0;
    await finalAccuracy({ strategy: "typiclust", representation: { features: "embeddings", embeddings: "parity" } }, "typiclust-emb");
    expect(parity.seen).toHaveLength(0);
  });

  it("is what the k-NN demonstrations of LLM annotation are chosen by", async () => {
    const run = config({ representation: { features: "embeddings", embeddings: "parity" } });
    const workspace = await createServices().workspace(run);
    const idOf = (n: number) => workspace.pool.ids[workspace.pool.texts.indexOf(`w${n}`)];
    const labels = poolNumbers
      .slice(0, 20)
      .map((n) => ({ id: idOf(n), label: n % 2 === 0 ? "even" : "odd", source: "oracle" as const, confidence: null, costUsd: 0, round: 0 }));
    const labeled = labeledTexts(workspace, labels, []);
    const [odd, even] = await demonstrationsIn(run.representation, workspace, labeled, [[idOf(41)], [idOf(40)]], 4);
    // The nearest labeled items by embedding share the parity (TF-IDF sees no word in common): they
    // come first; the class cap (two of each of the two classes) then takes the nearest of the other.
    expect(odd.map((demo) => demo.label)).toEqual(["odd", "odd", "even", "even"]);
    expect(even.map((demo) => demo.label)).toEqual(["even", "even", "odd", "odd"]);
  });

  it("naming an embedding model that is neither registered nor installed stops the run in one line that says what to run", async () => {
    const saved = process.env.ACTIVEGRAPH_MODELS_DIR;
    process.env.ACTIVEGRAPH_MODELS_DIR = tempDir();
    try {
      const run = runThread({ threadId: "missing", checkpointer: new MemorySaver(), config: config({ representation: { features: "embeddings" } }) });
      await expect(run).rejects.toThrow(/^embeddings "all-minilm-l6-v2-gguf": .*run scripts\/install-models\.sh$/);
      await run.catch((error: Error) => expect(error.message).not.toContain("\n"));
    } finally {
      if (saved === undefined) delete process.env.ACTIVEGRAPH_MODELS_DIR;
      else process.env.ACTIVEGRAPH_MODELS_DIR = saved;
    }
  });
});
