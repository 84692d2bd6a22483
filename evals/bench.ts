/**
 * The unified benchmark: every strategy × dataset × annotator × seed under one protocol, with the
 * real graph. `npm run bench -- --help` for options.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { Command } from "commander";
import { ActiveGraphError, ConfigError } from "../tools/errors.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { splitReservoir } from "../tools/pool/reservoir.js";
import { AUTO, parseRunConfig } from "../runtime/config/runConfig.js";
import { getStrategy } from "../tools/strategies/registry.js";
import { benchAnnotators } from "./annotators.js";
import { benchConfigLlms, cellLlmsBy } from "./configLlms.js";
import { configOverrides, withOverrides } from "./configOverrides.js";
import { checkParadigms, runParadigms } from "./paradigms/allParadigms.js";
import { autoMarkdown } from "./autoReport.js";
import { frontierMarkdown, frontierPlots, policyPoints } from "./frontier.js";
import { cellKey, DEFAULT_MODEL, planCells } from "./cells.js";
import { benchDatasetSpec, datasetFileStem } from "./datasets.js";
import { learningCurveSvg } from "./plots.js";
import { protocolTag, SCHROEDER_2022, stratifiedSample, type Protocol } from "./protocol.js";
import { curvesCsv, reportMarkdown, summaryCsv, type UpperBound } from "./report.js";
import { appendCell, loadCompleteCells, type ResultRow } from "./results.js";
import { runCells } from "./runCells.js";
import { STOP_CANDIDATES } from "./stopCandidates.js";
import { stopOutcomes } from "./stopQuality.js";
import { stopQualityCsv, stopQualityMarkdown } from "./stopReport.js";
import { groupBy, summarize } from "./summarize.js";
import { fullDataScore } from "./upperBound.js";
import type { CellJob } from "./worker.js";
import { allowManyAbortListeners } from "../tools/quietAbortListeners.js";
import { checkPeerOptions, peerCells, runPeerCells, type PeerDataset } from "./peers/benchPeers.js";
import { isPeerStrategyName, peerReportMarkdown } from "./peers/smallTextMethods.js";
import { positiveInteger } from "./cliArgs.js";

allowManyAbortListeners();

const list = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

const program = new Command()
  .name("bench")
  .description("activegraph benchmark: strategies × datasets × annotators × seeds, learning curves against labels and dollars")
  .option("--datasets <names>", "comma-separated: folders of --data-dir, folder paths, or spamassassin", list, ["trec6", "subj", "ag_news"])
  .option("--strategies <names>", "comma-separated query strategies", list, ["random", "margin", "entropy"])
  .option("--models <kinds>", "comma-separated target models: softmax, svm, centroid", list, [DEFAULT_MODEL])
  .option(
    "--config <json>",
    "a partial run config for every cell, as JSON or a JSON file (the cell's own fields win); results go under a protocol tag of their own",
  )
  .option("--annotators <names>", "comma-separated: oracle, llm, hybrid[@threshold], value[@usd], cascade…; local LLM: hybrid@0.8@smollm2", list, ["oracle"])
  .option("--llm-threads <n>", "llama.cpp threads of a local model (1 suits a busy machine)", positiveInteger, 1)
  .option("--seeds <n>", "seeds per cell", positiveInteger, 5)
  .option("--data-dir <dir>", "folder of datasets with train/test JSONL(.gz) files", "../shared/datasets")
  .option("--out <dir>", "results folder", "results/bench")
  .option("--initial-size <n>", "stratified-random initial labels", positiveInteger, SCHROEDER_2022.initialSize)
  .option("--rounds <n>", "query rounds after the initial set", positiveInteger, SCHROEDER_2022.rounds)
  .option("--batch-size <n>", "queries per round", positiveInteger, SCHROEDER_2022.batchSize)
  .option("--fee-usd <usd>", "human fee per label", (v) => Number(v), SCHROEDER_2022.feeUsd)
  .option("--workers <n>", "worker processes", positiveInteger, Math.min(2, availableParallelism()))
  .option("--peers <names>", "comma-separated peer libraries run in the same protocol: small-text (install: bash scripts/install-peers.sh)", list, [])
  .option("--peer-models <names>", "the peer's models: lr, svm (TF-IDF), emb-lr (frozen embeddings, needs --peer-embeddings)", list, ["lr", "svm"])
  .option(
    "--paradigms <names>",
    "run the survey's paradigm benchmarks instead: icl, sft, preference, distill (each as its npm run bench:<name>, --seeds passed on)",
    list,
  )
  .option(
    "--peer-embeddings <name>",
    "vectors for emb-lr: a registered Embeddings, projection (activegraph's TF-IDF projection) or lsa (activegraph's LSA of the pool)",
  )
  .parse();

type Options = {
  datasets: string[];
  strategies: string[];
  models: string[];
  config?: string;
  annotators: string[];
  seeds: number;
  dataDir: string;
  out: string;
  initialSize: number;
  rounds: number;
  batchSize: number;
  feeUsd: number;
  workers: number;
  peers: string[];
  peerModels: string[];
  peerEmbeddings?: string;
  paradigms?: string[];
  llmThreads: number;
};

try {
  await main(program.opts<Options>());
} catch (error) {
  if (!(error instanceof ActiveGraphError)) throw error;
  console.error(`bench: ${error.message}`);
  process.exit(2);
}

async function main(options: Options): Promise<void> {
  if (options.paradigms) {
    const seedsGiven = program.getOptionValueSource("seeds") === "cli";
    const failed = await runParadigms(checkParadigms(options.paradigms), seedsGiven ? options.seeds : undefined);
    if (failed.length > 0) {
      console.error(`bench: the paradigm benchmarks of ${failed.join(", ")} failed (their output is above)`);
      process.exitCode = 1;
    }
    return;
  }
  const protocol: Protocol = {
    name: SCHROEDER_2022.name,
    initialSize: options.initialSize,
    rounds: options.rounds,
    batchSize: options.batchSize,
    feeUsd: options.feeUsd,
  };
  // Everything is checked before the first cell starts.
  const annotators = await benchAnnotators(options.annotators, { threads: options.llmThreads });
  const overrides = configOverrides(options.config);
  for (const strategy of options.strategies) if (strategy !== AUTO) getStrategy(strategy);
  const peerModels = checkPeerOptions({ peers: options.peers, models: options.peerModels, embeddings: options.peerEmbeddings });
  const peerDatasets: Record<string, PeerDataset> = {};
  const specs = Object.fromEntries(options.datasets.map((name) => [name, benchDatasetSpec(name, options.dataDir)]));
  const { llmsOf, holdOut, simulation } = await benchConfigLlms(
    overrides,
    options.strategies,
    Object.values(specs)[0],
    Object.values(annotators).some((annotator) => annotator.llm !== undefined),
  );
  const overridesTag = options.config ? `:config-${createHash("sha256").update(JSON.stringify(overrides)).digest("hex").slice(0, 8)}` : "";
  const tag = `${protocolTag(protocol)}${holdOut ? ":reservoir" : ""}${overridesTag}`;
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const boundsPath = join(out, "upper-bounds.json");
  const bounds: Record<string, UpperBound> = existsSync(boundsPath) ? JSON.parse(readFileSync(boundsPath, "utf8")) : {};
  const initialIds: Record<string, string[][]> = {};
  for (const [name, spec] of Object.entries(specs)) {
    process.stderr.write(`loading ${name}…\n`);
    const dataset = await loadDataset(spec);
    if (!dataset.test) throw new ConfigError(`${name}: the benchmark needs a test split`);
    // The dataset's settings (representation, simulation): the annotator's overrides are laid over
    // each cell's own annotator below, and need not make a run config on their own.
    const { annotator: _annotator, ...sharedOverrides } = overrides;
    const base = parseRunConfig({
      ...sharedOverrides,
      dataset: spec,
      model: { ...(overrides.model as object), kind: DEFAULT_MODEL },
      stopping: { maxRounds: 1 },
      simulation,
    });
    const pool = holdOut ? splitReservoir(dataset, base.simulation.reservoirShare, base.simulation.maxReservoir).pool : dataset.train;
    initialIds[name] = Array.from({ length: options.seeds }, (_, seed) => stratifiedSample(pool, protocol.initialSize, seed));
    // The peer gets the very pool, test split and initial ids of activegraph's cells.
    if (peerModels.length > 0) peerDatasets[name] = { data: { ...dataset, train: pool }, config: base, initialIds: initialIds[name] };
    if (!bounds[name]) {
      // The default model, with the settings every cell has (labels@95% is measured against it).
      const score = await fullDataScore(dataset, base);
      bounds[name] = { accuracy: score.accuracy, macroF1: score.macroF1, trainSize: dataset.train.length };
      writeFileSync(boundsPath, `${JSON.stringify(bounds, null, 2)}\n`);
    }
  }

  const resultsPath = join(out, "results.jsonl");
  const complete = loadCompleteCells(resultsPath);
  const cells = planCells(options.datasets, options.strategies, options.models, options.annotators, options.seeds);
  const llmsOfCell = cellLlmsBy(annotators, llmsOf);
  const jobs: CellJob[] = cells
    .filter((cell) => !complete.has(cellKey(cell, tag)))
    .map((cell) => ({
      key: cellKey(cell, tag),
      protocol: tag,
      cell,
      ...llmsOfCell(cell.annotator, cell.strategy),
      config: parseRunConfig({
        ...overrides,
        dataset: specs[cell.dataset],
        strategy: cell.strategy,
        model: { ...(overrides.model as object), kind: cell.model ?? DEFAULT_MODEL },
        initial: { ids: initialIds[cell.dataset][cell.seed] },
        batchSize: protocol.batchSize,
        seed: cell.seed,
        annotator: withOverrides(annotators[cell.annotator].config(protocol), overrides.annotator),
        // The bandit's validation slice is labeled with the initial batch: "auto" gets no more labels than the others.
        stopping: { maxRounds: protocol.rounds, ...(cell.strategy === AUTO ? { maxLabels: protocol.initialSize + protocol.rounds * protocol.batchSize } : {}) },
        simulation,
        // Each cell pays for its own calls: a shared cache would make later cells look free.
        llmCache: "off",
      }),
    }));
  process.stderr.write(`${cells.length} cells: ${cells.length - jobs.length} already done, ${jobs.length} to run on ${options.workers} workers\n`);

  const failures: string[] = [];
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: "cells {bar} {value}/{total} | {last}", stream: process.stderr, hideCursor: true }, Presets.shades_classic)
    : null;
  bar?.start(jobs.length, 0, { last: "" });
  let finished = 0;
  await runCells(jobs, options.workers, {
    done(job, rows) {
      appendCell(resultsPath, rows);
      complete.set(job.key, rows);
      finished++;
      const last = rows[rows.length - 1];
      const line = `${job.cell.dataset} ${job.cell.strategy} ${job.cell.model} ${job.cell.annotator} seed ${job.cell.seed}: ${(100 * last.accuracy).toFixed(1)}% at ${last.labels} labels`;
      if (bar) bar.update(finished, { last: line });
      else process.stderr.write(`[${finished}/${jobs.length}] ${line}\n`);
    },
    failed(job, error) {
      failures.push(`${job.key}: ${error}`);
    },
  });
  bar?.stop();
  if (peerModels.length > 0) {
    await runPeerCells(
      {
        datasets: peerDatasets,
        strategies: options.strategies,
        models: peerModels,
        embeddings: options.peerEmbeddings,
        seeds: options.seeds,
        settings: protocol,
        tag,
        complete,
        workers: options.workers,
        log: (line) => process.stderr.write(`${line}\n`),
      },
      {
        done(key, rows) {
          appendCell(resultsPath, rows);
          complete.set(key, rows);
          const last = rows[rows.length - 1];
          process.stderr.write(`${last.dataset} ${last.strategy} seed ${last.seed}: ${(100 * last.accuracy).toFixed(1)}% at ${last.labels} labels\n`);
        },
        failed(key, error) {
          failures.push(`${key}: ${error}`);
        },
      },
    );
  }

  const wanted = new Set([...cells, ...peerCells(options.datasets, peerModels, options.strategies, options.seeds)].map((cell) => cellKey(cell, tag)));
  const finishedCells = [...complete.entries()].filter(([key]) => wanted.has(key)).map(([, cellRows]) => cellRows);
  const rows: ResultRow[] = finishedCells.flat();
  const summaries = summarize(rows, Object.fromEntries(Object.entries(bounds).map(([name, bound]) => [name, bound.accuracy])));
  const plots: Record<string, string[]> = {};
  for (const [dataset, series] of groupBy(summaries, (s) => s.dataset)) {
    plots[dataset] = [];
    // Wall seconds only where the results have them (older results do not).
    const axes = series.some((s) => s.curve.some((point) => Number.isFinite(point.seconds)))
      ? (["labels", "usd", "seconds"] as const)
      : (["labels", "usd"] as const);
    for (const axis of axes) {
      const file = `${datasetFileStem(dataset)}-${axis}.svg`;
      writeFileSync(join(out, file), await learningCurveSvg(dataset, series, bounds[dataset]?.accuracy, axis));
      plots[dataset].push(file);
    }
  }
  const policies = policyPoints(finishedCells.filter((cellRows) => !isPeerStrategyName(cellRows[0].strategy)));
  const frontierFiles: Record<string, string[]> = {};
  for (const [dataset, files] of await frontierPlots(policies)) {
    for (const [file, svg] of Object.entries(files)) writeFileSync(join(out, file), svg);
    frontierFiles[dataset] = Object.keys(files);
  }
  writeFileSync(join(out, "summary.csv"), summaryCsv(summaries, bounds));
  writeFileSync(join(out, "curves.csv"), curvesCsv(summaries));
  const command = `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim();
  // The stopping criteria are activegraph's: the peer's cells are not replayed.
  const outcomes = stopOutcomes(
    finishedCells.filter((cellRows) => !isPeerStrategyName(cellRows[0].strategy)),
    STOP_CANDIDATES,
  );
  const replayed = new Set(outcomes.map((outcome) => `${outcome.dataset}|${outcome.strategy}|${outcome.annotator}|${outcome.seed}`)).size;
  const ownCells = finishedCells.filter((cellRows) => !isPeerStrategyName(cellRows[0].strategy)).length;
  const peerSection = peerModels.length > 0 ? `\n${peerReportMarkdown(peerModels, options.strategies)}` : "";
  writeFileSync(join(out, "stopping.csv"), stopQualityCsv(outcomes));
  writeFileSync(
    join(out, "report.md"),
    `${reportMarkdown(summaries, bounds, { protocol: tag, command, plots })}${peerSection}\n${frontierMarkdown(policies, frontierFiles)}${autoMarkdown(summaries, rows)}\n${stopQualityMarkdown(outcomes, ownCells - replayed)}`,
  );
  process.stderr.write(
    `wrote ${join(out, "report.md")}, summary.csv, curves.csv, stopping.csv, results.jsonl and ${Object.values(plots).flat().length} plots\n`,
  );
  if (failures.length > 0) {
    console.error(`${failures.length} cell(s) failed:\n${failures.join("\n")}`);
    process.exit(1);
  }
}
