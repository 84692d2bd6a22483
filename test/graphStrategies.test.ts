import { readdirSync } from "node:fs";
import { MemorySaver } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const cache = tempDir("activegraph-cache-");
let previous: string | undefined;
beforeAll(() => {
  previous = process.env.ACTIVEGRAPH_CACHE_DIR;
  process.env.ACTIVEGRAPH_CACHE_DIR = cache;
});
afterAll(() => {
  if (previous === undefined) delete process.env.ACTIVEGRAPH_CACHE_DIR;
  else process.env.ACTIVEGRAPH_CACHE_DIR = previous;
});

async function run(overrides: Parameters<typeof fixtureConfig>[0], threadId = "t") {
  const { state } = await runThread({ threadId, checkpointer: new MemorySaver(), config: parseRunConfig(fixtureConfig(overrides)) });
  return state;
}

describe("the loop with vector, committee and cold-start strategies", () => {
  it("runs end to end: a TypiClust cold start, then rounds of CoreSet, BADGE, BALD, CAL and information density", async () => {
    for (const strategy of ["coreset", "badge", "bald", "contrastive", "information-density"] as const) {
      const state = await run({ strategy, initial: { size: 10, strategy: "typiclust" }, stopping: { maxLabels: 30 } }, strategy);
      expect(
        state.history.map((m) => m.labels),
        strategy,
      ).toEqual([10, 20, 30]);
      expect(new Set(state.labels.map((r) => r.id)).size).toBe(30);
      expect(state.history.at(-1)!.accuracy).toBeGreaterThan(0.5);
    }
    // The vectors and the HNSW index were written once to the cache and shared by every run.
    const files = readdirSync(`${cache}/vectors`).sort();
    expect(files.filter((f) => f.endsWith(".f32"))).toHaveLength(1);
    expect(files.filter((f) => f.includes(".hnsw-"))).toHaveLength(1);
  });

  it("is reproducible in a new process: vectors and index reloaded from disk, same committee, same labels", async () => {
    const config = { strategy: "vote-entropy", initial: { size: 10, strategy: "probcover" }, ensemble: { size: 3 } } as const;
    const a = await run(config);
    const b = await run(config);
    expect(b.labels).toEqual(a.labels);
    expect(a.labels).toHaveLength(30);
  });

  it("cold-start strategies choose without reading a gold label and differ from random", async () => {
    const picks = async (strategy: "kmeans-centroids" | "coreset" | "random") =>
      (await run({ initial: { size: 10, strategy }, stopping: { maxLabels: 10 } }, strategy)).labels.map((r) => r.id);
    const kmeans = await picks("kmeans-centroids");
    expect(kmeans).toHaveLength(10);
    expect(kmeans).not.toEqual(await picks("random"));
    expect(await picks("coreset")).toHaveLength(10);
  });

  it("refuses bad strategy settings before the run starts", () => {
    expect(() => parseRunConfig(fixtureConfig({ initial: { strategy: "badge" as never } }))).toThrow(/initial\.strategy/);
    expect(() => parseRunConfig(fixtureConfig({ ensemble: { size: 1 } }))).toThrow(/ensemble\.size/);
    expect(() => parseRunConfig(fixtureConfig({ vectors: { source: "embeddings" } }))).toThrow(/vectors\.name: required with source "embeddings"/);
    expect(() => parseRunConfig(fixtureConfig({ index: { kind: "faiss" as never } }))).toThrow(/index\.kind/);
    expect(parseRunConfig(fixtureConfig({ vectors: { dim: 64 } })).vectors).toMatchObject({ source: "projection", dim: 64 });
  });
});
