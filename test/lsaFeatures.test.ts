import { MemorySaver } from "@langchain/langgraph";
import { beforeAll, describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { RepresentationSchema, strategyVectorSpec } from "../tools/embed/representation.js";
import { VectorSpecSchema } from "../tools/embed/vectorSpec.js";
import { mulberry32 } from "../tools/random.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

/**
 * Two topics of 24 words each; a pool text is three words of one topic, its class. A test text is
 * a single word, so a model on TF-IDF can only place the words its dozen labeled texts happened to
 * contain and guesses the rest; LSA, fitted on the whole unlabeled pool, has seen every word beside
 * the others of its topic and places them all.
 */
const topics = { alpha: Array.from({ length: 24 }, (_, i) => `alpha${i}`), beta: Array.from({ length: 24 }, (_, i) => `beta${i}`) };
const rng = mulberry32(11);
const pick = (words: readonly string[]) => Array.from({ length: 3 }, () => words[rng.int(words.length)]).join(" ");
const pool = Array.from({ length: 240 }, (_, i) => {
  const label = i % 2 === 0 ? "alpha" : "beta";
  return { id: `p${i}`, text: pick(topics[label]), label };
});
const test = Object.entries(topics).flatMap(([label, words]) => words.map((word) => ({ text: word, label })));

let dir: string;
beforeAll(() => {
  process.env.ACTIVEGRAPH_CACHE_DIR = tempDir();
  dir = tempDir();
  writeFile(dir, "train.jsonl", `${pool.map((item) => JSON.stringify(item)).join("\n")}\n`);
  writeFile(dir, "test.jsonl", `${test.map((item) => JSON.stringify(item)).join("\n")}\n`);
});

async function finalAccuracy(overrides: Partial<RunConfigInput>, thread: string): Promise<number> {
  const config = parseRunConfig({
    dataset: { train: `${dir}/train.jsonl`, test: `${dir}/test.jsonl` },
    initial: { size: 6 },
    batchSize: 6,
    seed: 5,
    stopping: { maxLabels: 12 },
    strategy: "margin",
    ...overrides,
  });
  const { state } = await runThread({ threadId: thread, checkpointer: new MemorySaver(), config });
  return state.history[state.history.length - 1].accuracy!;
}

describe("LSA features (representation.features lsa, tfidf+lsa)", () => {
  it("place words no labeled text contained, where TF-IDF guesses", async () => {
    const tfidf = await finalAccuracy({ representation: { features: "tfidf" } }, "tfidf");
    const lsa = await finalAccuracy({ representation: { features: "lsa", lsaDim: 2 } }, "lsa");
    const both = await finalAccuracy({ representation: { features: "tfidf+lsa", lsaDim: 2 } }, "tfidf+lsa");
    expect(tfidf).toBeLessThan(0.9);
    expect(lsa).toBe(1);
    expect(both).toBeGreaterThan(tfidf + 0.1);
  });

  it("are what the vector strategies measure distance in", () => {
    const projection = VectorSpecSchema.parse({});
    const spec = strategyVectorSpec(RepresentationSchema.parse({ features: "tfidf+lsa", lsaDim: 50 }), projection);
    expect(spec).toMatchObject({ source: "lsa", dim: 50 });
    expect(strategyVectorSpec(RepresentationSchema.parse({ features: "tfidf" }), projection)).toBe(projection);
    // LSA beside TF-IDF is the default representation.
    expect(strategyVectorSpec(RepresentationSchema.parse({}), projection)).toMatchObject({ source: "lsa", dim: 100 });
  });

  it("run a vector strategy end to end", async () => {
    // TypiClust's clusters over two LSA dimensions are the two topics, so its picks cover both.
    expect(await finalAccuracy({ strategy: "typiclust", representation: { features: "lsa", lsaDim: 2 } }, "typiclust-lsa")).toBe(1);
  });

  it("are refused with a dimension outside 2–1024, in one line naming the field", () => {
    expect(() => parseRunConfig({ dataset: { train: `${dir}/train.jsonl` }, representation: { features: "lsa", lsaDim: 1 } })).toThrow(
      /representation\.lsaDim/,
    );
  });
});
