import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { classIndices } from "../tools/embed/featurize.js";
import { accuracy } from "../tools/metrics/classification.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { cellKey } from "../evals/cells.js";
import { SCHROEDER_2022, stratifiedSample } from "../evals/protocol.js";
import { ResultRowSchema } from "../evals/results.js";
import { summarize } from "../evals/summarize.js";
import { checkPeerOptions, peerCells } from "../evals/peers/benchPeers.js";
import { isPeerStrategyName, PEER_STRATEGIES, peerReportMarkdown, peerStrategyName } from "../evals/peers/smallTextMethods.js";
import { peerCellRows, PeerCellOutputSchema, type PeerCellOutput, type PeerCellContext } from "../evals/peers/smallTextRows.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "./helpers/fixtures.js";

/** Output of small_text_peer.py (ConfidenceEnhancedLinearSVC, BreakingTies) on the topics fixture: seeds 0 and 1, 2 rounds of 10 after 10 initial labels. */
const RECORDED = fileURLToPath(new URL("./fixtures/small-text-peer.svm-margin.jsonl", import.meta.url));
const settings = { ...SCHROEDER_2022, initialSize: 10, rounds: 2, batchSize: 10 };

async function recorded(): Promise<{ outputs: PeerCellOutput[]; context: (seed: number) => PeerCellContext }> {
  const data = await loadDataset(parseRunConfig({ dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST }, stopping: { maxRounds: 1 } }).dataset);
  const outputs = readFileSync(RECORDED, "utf8")
    .trim()
    .split("\n")
    .map((line) => PeerCellOutputSchema.parse(JSON.parse(line)));
  const truth = classIndices(data.test!, data.labels);
  return {
    outputs,
    context: (seed) => {
      const cell = { dataset: "topics", strategy: peerStrategyName("svm", "margin"), annotator: "oracle", seed };
      return {
        key: cellKey(cell, "t"),
        protocol: "t",
        cell,
        settings,
        // The ids the recording was made from: the benchmark's stratified draw for this seed.
        initialIds: stratifiedSample(data.train, settings.initialSize, seed),
        poolIds: new Set(data.train.map((item) => item.id)),
        truth,
        numClasses: data.labels.length,
      };
    },
  };
}

const clone = (output: PeerCellOutput): PeerCellOutput => JSON.parse(JSON.stringify(output));

describe("the small-text peer's rows", () => {
  it("turns the peer's picks and test predictions into result rows scored by activegraph's metrics", async () => {
    const { outputs, context } = await recorded();
    expect(outputs.map((o) => o.seed)).toEqual([0, 1]);
    for (const output of outputs) {
      const ctx = context(output.seed);
      const rows = peerCellRows(output, ctx).map((row) => ResultRowSchema.parse(row));
      expect(rows.map((row) => [row.round, row.labels])).toEqual([
        [0, 10],
        [1, 20],
        [2, 30],
      ]);
      expect(rows.map((row) => row.usd)).toEqual([0.5, 1, 1.5]);
      expect(rows.every((row) => row.strategy === "small-text:svm:margin" && row.annotator === "oracle" && row.simulated)).toBe(true);
      rows.forEach((row, r) => expect(row.accuracy).toBeCloseTo(accuracy(ctx.truth, output.rounds[r].predictions), 12));
      // The three topics separate well: the SVM is far above chance after 30 labels.
      expect(rows[2].accuracy).toBeGreaterThan(0.8);
      expect(rows.slice(0, 2).every((row) => row.stopReason === undefined)).toBe(true);
      expect(rows[2].stopReason).toMatchObject({ criterion: "maxRounds", round: 2 });
    }
    // Peer rows summarize like activegraph's: one series over both seeds.
    const rows = outputs.flatMap((output) => peerCellRows(output, context(output.seed)));
    const [series] = summarize(rows, {});
    expect(series).toMatchObject({ strategy: "small-text:svm:margin", seeds: 2 });
    expect(series.curve).toHaveLength(3);
  });

  it("refuses output that breaks the protocol", async () => {
    const { outputs, context } = await recorded();
    const ctx = context(0);
    const cases: Array<[(o: PeerCellOutput) => void, RegExp]> = [
      [(o) => (o.rounds[0].picked[0] = o.rounds[1].picked[0]), /other labels than the initial ids/],
      [(o) => (o.rounds[2].picked[0] = o.rounds[1].picked[0]), /picked "train:\d+" again/],
      [(o) => (o.rounds[1].picked[0] = "train:99999"), /not in the pool/],
      [(o) => o.rounds[1].picked.pop(), /picked 9 items, expected 10/],
      [(o) => o.rounds.pop(), /2 rounds, expected 3/],
      [(o) => o.rounds[1].predictions.pop(), /89 test predictions for 90 test items/],
      [(o) => (o.rounds[1].predictions[0] = 3), /outside 0\.\.2/],
      [(o) => (o.seed = 1), /answered for seed 1/],
    ];
    for (const [corrupt, message] of cases) {
      const output = clone(outputs[0]);
      corrupt(output);
      expect(() => peerCellRows(output, ctx)).toThrow(message);
    }
  });
});

describe("the small-text peer's plan", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("runs the strategies small-text has, under names that mark them as the peer's", () => {
    const cells = peerCells(["trec6"], ["lr", "svm"], ["random", "margin", "badge", "probcover"], 2);
    expect(cells.map((cell) => `${cell.strategy}/${cell.seed}`)).toEqual([
      "small-text:lr:random/0",
      "small-text:lr:random/1",
      "small-text:lr:margin/0",
      "small-text:lr:margin/1",
      "small-text:svm:random/0",
      "small-text:svm:random/1",
      "small-text:svm:margin/0",
      "small-text:svm:margin/1",
    ]);
    expect(cells.every((cell) => isPeerStrategyName(cell.strategy) && cell.annotator === "oracle")).toBe(true);
    expect(isPeerStrategyName("margin")).toBe(false);
    expect(PEER_STRATEGIES.margin.smallText).toBe("BreakingTies");
    const report = peerReportMarkdown(["svm"], ["margin", "contrastive", "badge"]);
    expect(report).toMatch(/\| margin \| BreakingTies \| yes/);
    expect(report).toMatch(/\| contrastive \| ContrastiveActiveLearning \| no: /);
    expect(report).toMatch(/\| badge \| – \| small-text has none \|/);
  });

  it("refuses an unknown peer or model, emb-lr without vectors, and a missing install, naming the script", () => {
    expect(checkPeerOptions({ peers: [], models: ["lr"] })).toEqual([]);
    expect(() => checkPeerOptions({ peers: ["modAL"], models: ["lr"] })).toThrow(/unknown peer "modAL"/);
    expect(() => checkPeerOptions({ peers: ["small-text"], models: ["xgb"] })).toThrow(/unknown peer model "xgb"/);
    expect(() => checkPeerOptions({ peers: ["small-text"], models: ["emb-lr"] })).toThrow(/--peer-embeddings/);
    expect(() => checkPeerOptions({ peers: ["small-text"], models: ["emb-lr"], embeddings: "minilm" })).toThrow(
      /--peer-embeddings "minilm".*no Embeddings registered/,
    );
    vi.stubEnv("ACTIVEGRAPH_PEERS_VENV", "/nonexistent/venv");
    expect(() => checkPeerOptions({ peers: ["small-text"], models: ["lr"] })).toThrow(/not installed.*scripts\/install-peers\.sh/);
  });
});
