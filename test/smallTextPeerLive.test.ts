import { describe, expect, it } from "vitest";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { cellKey } from "../evals/cells.js";
import { SCHROEDER_2022, stratifiedSample } from "../evals/protocol.js";
import { ResultRowSchema, type ResultRow } from "../evals/results.js";
import { peerCells, runPeerCells } from "../evals/peers/benchPeers.js";
import type { PeerModelName } from "../evals/peers/smallTextMethods.js";
import { INSTALL_PEERS, peerInstalled } from "../evals/peers/smallTextProcess.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "./helpers/fixtures.js";

const installed = peerInstalled();
if (!installed) console.warn(`smallTextPeerLive.test.ts skipped: the small-text peer is not installed (run bash ${INSTALL_PEERS})`);

describe.skipIf(!installed)("the small-text peer, run for real", () => {
  it("runs TF-IDF LR and SVM and LR on activegraph's vectors from the given initial ids, with uncertainty and vector strategies", async () => {
    const config = parseRunConfig({ dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST }, stopping: { maxRounds: 1 } });
    const data = await loadDataset(config.dataset);
    const settings = { ...SCHROEDER_2022, initialSize: 10, rounds: 2, batchSize: 10 };
    const initialIds = [0, 1].map((seed) => stratifiedSample(data.train, settings.initialSize, seed));
    const done = new Map<string, ResultRow[]>();
    const failed: string[] = [];
    const logged: string[] = [];
    // One cell already recorded is not run again.
    const skip = cellKey({ dataset: "topics", strategy: "small-text:lr:margin", annotator: "oracle", seed: 1 }, "t");
    const run = (models: PeerModelName[], strategies: string[]) =>
      runPeerCells(
        {
          datasets: { topics: { data, config, initialIds } },
          strategies,
          models,
          embeddings: "projection",
          seeds: 2,
          settings,
          tag: "t",
          complete: new Set([skip]),
          workers: 2,
          log: (line) => logged.push(line),
        },
        { done: (key, rows) => done.set(key, rows), failed: (key, error) => failed.push(`${key}: ${error}`) },
      );
    // Three peer processes in all: each starts a Python that imports scikit-learn.
    await run(["lr", "svm"], ["margin"]);
    await run(["emb-lr"], ["coreset", "badge"]);
    expect(failed).toEqual([]);
    expect(logged.join("\n")).toMatch(/no counterpart of badge/);
    const expected = [...peerCells(["topics"], ["lr", "svm"], ["margin"], 2), ...peerCells(["topics"], ["emb-lr"], ["coreset"], 2)]
      .map((cell) => cellKey(cell, "t"))
      .filter((key) => key !== skip);
    expect([...done.keys()].sort()).toEqual(expected.sort());
    for (const rows of done.values()) {
      rows.forEach((row) => ResultRowSchema.parse(row));
      expect(rows.map((row) => row.labels)).toEqual([10, 20, 30]);
      expect(rows[2].stopReason?.criterion).toBe("maxRounds");
      // Three well-separated topics: every model is far above chance (1/3) after 30 labels.
      expect(rows[2].accuracy, rows[0].key).toBeGreaterThan(0.6);
    }
  }, 300_000);
});
