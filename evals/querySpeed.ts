/**
 * The speed of one query round on real pools, activegraph beside small-text (`npm run bench:speed
 * -- --peers small-text`): for each dataset (trec6 5.4k, ag_news 17k, sst2 67k by default), the
 * target model is fitted on 500 labels (the protocol's labels before its last query: the 25
 * stratified initial ids plus 475 random pool items), then each strategy picks 25, several times.
 * A query is what activegraph's select node does: score the pool with the fitted model (or read
 * the pool vectors) and pick the batch; small-text's is `PoolBasedActiveLearner.query(25)`, the
 * same work. Both run one after the other per dataset, on the same machine state; the load average
 * is printed beside the table. Prints median ms per query.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { createServices } from "../runtime/services.js";
import { queryInputFor } from "../runtime/workspace/queryInput.js";
import { ActiveGraphError, ConfigError } from "../tools/errors.js";
import type { LabelRecord } from "../tools/labels/labelRecord.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { rngFor, shuffleInPlace } from "../tools/random.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { getStrategy, query } from "../tools/strategies/registry.js";
import { benchDatasetSpec } from "./datasets.js";
import { checkPeerOptions } from "./peers/benchPeers.js";
import { writePeerVectors } from "./peers/peerVectors.js";
import { PEER_MODELS, PEER_STRATEGIES, SMALL_TEXT, SMALL_TEXT_TFIDF, type PeerModelName } from "./peers/smallTextMethods.js";
import { runSmallText } from "./peers/smallTextProcess.js";
import { stratifiedSample } from "./protocol.js";
import { meanStd } from "./summarize.js";
import { allowManyAbortListeners } from "../tools/quietAbortListeners.js";
import { positiveInteger } from "./cliArgs.js";

allowManyAbortListeners();

const list = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

interface Options {
  datasets: string[];
  dataDir: string;
  strategies: string[];
  labeled: number;
  batch: number;
  repeats: number;
  maxSeconds: number;
  timeoutSeconds: number;
  seed: number;
  peers: string[];
  peerModels: string[];
}

const program = new Command()
  .name("bench:speed")
  .description("median ms per query of 25 on real pools, activegraph beside its peers")
  .option("--datasets <names>", "comma-separated datasets (folders of --data-dir)", list, ["trec6", "ag_news", "sst2"])
  .option("--data-dir <dir>", "folder of datasets with train/test JSONL(.gz) files", "../shared/datasets")
  .option("--strategies <names>", "comma-separated strategies", list, [
    "random",
    "least-confidence",
    "margin",
    "entropy",
    "coreset",
    "kmeans-centroids",
    "contrastive",
  ])
  .option("--labeled <n>", "labels the model is fitted on before the timed queries", positiveInteger, 500)
  .option("--batch <n>", "items per query", positiveInteger, 25)
  .option("--repeats <n>", "timed queries per strategy (after one untimed warm-up)", positiveInteger, 5)
  .option("--max-seconds <n>", "a strategy whose warm-up query takes longer is timed on that one query only", positiveInteger, 20)
  .option("--timeout-seconds <n>", "stop a peer query still running after this long, and report it as over the limit", positiveInteger, 120)
  .option("--seed <n>", "seed of the labelled set", (v) => Number(v), 0)
  .option("--peers <names>", "comma-separated peers to time beside activegraph: small-text", list, [])
  .option("--peer-models <names>", "the peer's models: lr, svm", list, ["lr", "svm"])
  .parse();

/** One strategy's timings on one pool: medians over the timed queries. */
interface Timing {
  readonly medianMs: number;
  readonly runs: number;
  /** Stopped at --timeout-seconds: the time is a lower bound. */
  readonly timedOut?: boolean;
}

const PeerSpeedSchema = z.object({
  poolSize: z.number().int(),
  featurizeMs: z.number(),
  strategies: z.record(z.string(), z.object({ fitMs: z.number(), queryMs: z.array(z.number()).min(1), timedOut: z.boolean() })),
});

try {
  await main(program.opts<Options>());
} catch (error) {
  if (!(error instanceof ActiveGraphError)) throw error;
  console.error(`bench:speed: ${error.message}`);
  process.exit(2);
}

async function main(options: Options): Promise<void> {
  for (const strategy of options.strategies) getStrategy(strategy);
  const peerModels = checkPeerOptions({ peers: options.peers, models: options.peerModels });
  if (peerModels.some((name) => PEER_MODELS[name].features !== "tfidf")) throw new ConfigError("bench:speed times the peer's TF-IDF models only (lr, svm)");
  const specs = options.datasets.map((name) => [name, benchDatasetSpec(name, options.dataDir)] as const);
  const loadBefore = loadavg();
  const started = performance.now();
  const results: Array<{ dataset: string; poolSize: number; ours: Record<string, Timing>; peers: Record<string, Record<string, Timing>> }> = [];
  const dir = mkdtempSync(join(tmpdir(), "activegraph-speed-"));
  try {
    for (const [name, spec] of specs) {
      process.stderr.write(`${name}: loading…\n`);
      const dataset = await loadDataset(spec);
      const pool = dataset.train;
      if (options.labeled + options.batch > pool.length)
        throw new ConfigError(`${name}: --labeled ${options.labeled} leaves no room for a query in a pool of ${pool.length}`);
      const initial = stratifiedSample(pool, 25, options.seed);
      const taken = new Set(initial);
      const rest = shuffleInPlace(
        pool.filter((item) => !taken.has(item.id)).map((item) => item.id),
        rngFor(options.seed, "speed-labels"),
      );
      const labeledIds = [...initial, ...rest.slice(0, Math.max(0, options.labeled - initial.length))];
      const gold = new Map(pool.map((item) => [item.id, item.label]));
      const labels: LabelRecord[] = labeledIds.map((id) => ({ id, label: gold.get(id)!, source: "oracle", confidence: null, costUsd: 0, round: 0 }));

      const config = parseRunConfig({ dataset: spec, initial: { ids: initial }, batchSize: options.batch, stopping: { maxRounds: 1 } });
      const workspace = await createServices().workspace(config);
      await workspace.models.target(config, labels); // fitted once, untimed: the train node's work, not the query's
      const ours: Record<string, Timing> = {};
      for (const strategy of options.strategies) {
        const strategyConfig = parseRunConfig({ dataset: spec, strategy, initial: { ids: initial }, batchSize: options.batch, stopping: { maxRounds: 1 } });
        ours[strategy] = await timeQueries(options, async (repeat) => {
          const input = await queryInputFor(getStrategy(strategy).needs, {
            config: strategyConfig,
            workspace,
            labels,
            generated: [],
            round: 1,
            rng: rngFor(options.seed, "select", repeat),
          });
          return (await query(strategy, input, options.batch)).length;
        });
        process.stderr.write(`  activegraph ${strategy}: ${ours[strategy].medianMs.toFixed(1)} ms\n`);
      }

      const peers: Record<string, Record<string, Timing>> = {};
      const peerStrategies = options.strategies.filter((strategy) => PEER_STRATEGIES[strategy]);
      for (const model of peerModels) {
        const needsVectors = peerStrategies.some((strategy) => PEER_STRATEGIES[strategy].vectors);
        // The peer's vector strategies read activegraph's pool vectors, the ones timed above.
        const vectors = needsVectors ? await writePeerVectors({ ...dataset, test: null }, config.vectors, config.features, dir, false) : null;
        let measured: z.infer<typeof PeerSpeedSchema> | null = null;
        await runSmallText(
          "speed",
          {
            pool,
            test: null,
            labels: dataset.labels,
            features: "tfidf",
            classifier: PEER_MODELS[model].classifier,
            classifierOptions: PEER_MODELS[model].options,
            tfidf: SMALL_TEXT_TFIDF,
            labeledIds,
            strategies: peerStrategies,
            batchSize: options.batch,
            repeats: options.repeats,
            maxSeconds: options.maxSeconds,
            timeoutSeconds: options.timeoutSeconds,
            seed: options.seed,
            ...(vectors ? { poolVectors: vectors.pool } : {}),
          },
          (line) => {
            measured = PeerSpeedSchema.parse(line);
          },
        );
        if (!measured) throw new Error(`${SMALL_TEXT} printed no timings for ${name}`);
        const timings = (measured as z.infer<typeof PeerSpeedSchema>).strategies;
        peers[model] = Object.fromEntries(
          Object.entries(timings).map(([strategy, t]) => [strategy, { medianMs: median(t.queryMs), runs: t.queryMs.length, timedOut: t.timedOut }]),
        );
        for (const [strategy, timing] of Object.entries(peers[model]))
          process.stderr.write(`  ${SMALL_TEXT} ${model} ${strategy}: ${timing.medianMs.toFixed(1)} ms\n`);
      }
      results.push({ dataset: name, poolSize: pool.length, ours, peers });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = loadavg();
  console.log(table(results, options, peerModels));
  console.log(
    `\nLoad average (1, 5, 15 min) before: ${loadBefore.map((v) => v.toFixed(2)).join(", ")}; after: ${loadAfter.map((v) => v.toFixed(2)).join(", ")}; ` +
      `${(performance.now() - started) / 1000 < 120 ? `${((performance.now() - started) / 1000).toFixed(0)} s` : `${((performance.now() - started) / 60000).toFixed(1)} min`} in all.`,
  );
}

/** One warm-up query (untimed unless it is slow), then `repeats` timed ones. */
async function timeQueries(options: Options, once: (repeat: number) => Promise<number>): Promise<Timing> {
  const times: number[] = [];
  for (let repeat = 0; repeat <= options.repeats; repeat++) {
    const started = performance.now();
    const picked = await once(repeat);
    const ms = performance.now() - started;
    if (picked !== options.batch) throw new Error(`a query returned ${picked} items, expected ${options.batch}`);
    if (repeat === 0 && ms <= options.maxSeconds * 1000) continue;
    times.push(ms);
    if (repeat === 0) break;
  }
  return { medianMs: median(times), runs: times.length };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function table(
  results: ReadonlyArray<{ dataset: string; poolSize: number; ours: Record<string, Timing>; peers: Record<string, Record<string, Timing>> }>,
  options: Options,
  peerModels: readonly PeerModelName[],
): string {
  const ms = (t: Timing | undefined) =>
    !t
      ? "–"
      : t.timedOut
        ? `> ${options.timeoutSeconds * 1000}`
        : `${t.medianMs < 10 ? t.medianMs.toFixed(1) : t.medianMs.toFixed(0)}${t.runs < options.repeats ? "¹" : ""}`;
  const ratio = (ours: Timing, theirs: Timing | undefined) => (theirs ? `${theirs.timedOut ? "> " : ""}${(theirs.medianMs / ours.medianMs).toFixed(1)}×` : "–");
  // One row of cells, with the peer's columns only when there is a peer.
  const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const peerHeads = peerModels.flatMap((model) => [`${SMALL_TEXT} ${model}`, `÷ activegraph`]);
  const lines = [
    `Median ms per query of ${options.batch}, the model fitted on ${options.labeled} labels; ${options.repeats} timed queries after a warm-up (¹: one query, its warm-up took over ${options.maxSeconds} s; "> ": stopped after ${options.timeoutSeconds} s).`,
    `activegraph: TF-IDF + softmax regression, vectors its TF-IDF projection; ${SMALL_TEXT}: TF-IDF (scikit-learn defaults) + ${peerModels.map((m) => (PEER_MODELS[m].classifier === "lr" ? "LogisticRegression" : "ConfidenceEnhancedLinearSVC")).join(" / ")}, its vector strategies reading activegraph's vectors.`,
    "",
    row(["dataset", "pool", "strategy", `${SMALL_TEXT} name`, "activegraph", ...peerHeads]),
    row(["---", "---:", "---", "---", "---:", ...peerHeads.map(() => "---:")]),
  ];
  for (const result of results) {
    for (const [strategy, ours] of Object.entries(result.ours)) {
      const cells = peerModels.flatMap((model) => [ms(result.peers[model]?.[strategy]), ratio(ours, result.peers[model]?.[strategy])]);
      lines.push(row([result.dataset, result.poolSize.toLocaleString("en"), strategy, PEER_STRATEGIES[strategy]?.smallText ?? "–", ms(ours), ...cells]));
    }
  }
  if (peerModels.length > 0) {
    const ratios = results.flatMap((r) =>
      peerModels.flatMap((m) =>
        ["least-confidence", "margin", "entropy"]
          .filter((s) => r.ours[s] && r.peers[m]?.[s] && !r.peers[m][s].timedOut)
          .map((s) => r.peers[m][s].medianMs / r.ours[s].medianMs),
      ),
    );
    if (ratios.length > 0)
      lines.push(
        "",
        `Uncertainty family (least-confidence, margin, entropy), ${SMALL_TEXT}'s time ÷ activegraph's: ${Math.min(...ratios).toFixed(1)}× to ${Math.max(...ratios).toFixed(1)}× (mean ${meanStd(ratios).mean.toFixed(1)}×).`,
      );
  }
  return lines.join("\n");
}
