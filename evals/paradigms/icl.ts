/**
 * Active in-context learning, measured: `npm run bench:icl`. Every strategy of
 * tools/strategies/icl/ at an equal label budget, on the simulator and on the real local models
 * (SmolLM2-135M-Instruct Q4_1 and Gemma 3 270M Q4_K_M through llama.cpp, after
 * scripts/install-models.sh), reporting the learner's few-shot accuracy on a seeded sample of the
 * test split, with USD and wall time; then whether the ranking Margatina et al. (2023) found
 * (similarity > diversity > random; uncertainty poor) holds.
 *
 * Equal budget: every strategy labels `--labels` pool items (the oracle: gold labels) and each
 * test input is shown its `--k` nearest among them (`retrieval: "nearest"`, the setting of Su et
 * al. 2023), unless `--retrieval strategy` (then fixed-k strategies label k and similarity labels
 * up to the budget). Cells run one after another in this process, one llama.cpp thread; each
 * finished cell is appended to <out>/cells.jsonl and skipped when the command is run again
 * (`--report-only` prints the report of what is there).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { Command } from "commander";
import { runIclThread } from "../../graphs/activeIcl/runIclThread.js";
import type { IclConfigInput } from "../../runtime/config/iclConfig.js";
import { localChatLlm } from "../../tools/localModels/localChatLlm.js";
import { LOCAL_MODELS, localModelsMissing } from "../../tools/localModels/manifest.js";
import { ICL_STRATEGY_NAMES, type IclStrategyName } from "../../tools/strategies/icl/registry.js";
import { benchDatasetSpec } from "../datasets.js";
import { iclReport, type IclCell } from "./iclReport.js";

const list = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
const opts = new Command()
  .option("--datasets <list>", "datasets (folders of --data-dir)", "sst2,trec6")
  .option("--strategies <list>", "ICL strategies", ICL_STRATEGY_NAMES.join(","))
  .option("--models <list>", `learners: simulated, ${LOCAL_MODELS.smollm2}, ${LOCAL_MODELS.gemma3}`, `simulated,${LOCAL_MODELS.smollm2},${LOCAL_MODELS.gemma3}`)
  .option("--seeds <list>", "seeds", "1,2")
  .option("--k <n>", "demonstrations per prompt", Number, 4)
  .option("--labels <n>", "labels every strategy may buy", Number, 16)
  .option("--test-size <n>", "test inputs per cell", Number, 25)
  .option("--pool-sample <n>", "pool items the learner scores (uncertainty, perplexity, vote-k)", Number, 25)
  .option("--retrieval <mode>", "nearest (each input's k nearest among the labels) or strategy", "nearest")
  .option("--threads <n>", "llama.cpp threads", Number, 1)
  .option("--data-dir <dir>", "folder of datasets", "../shared/datasets")
  .option("--out <dir>", "results folder", "results/icl")
  .option("--report-only", "print the report of the cells already in <out>/cells.jsonl, running none")
  .parse()
  .opts<{
    datasets: string;
    strategies: string;
    models: string;
    seeds: string;
    k: number;
    labels: number;
    testSize: number;
    poolSample: number;
    retrieval: "nearest" | "strategy";
    threads: number;
    dataDir: string;
    out: string;
    reportOnly?: boolean;
  }>();

const strategies = list(opts.strategies) as IclStrategyName[];
for (const strategy of strategies)
  if (!(ICL_STRATEGY_NAMES as readonly string[]).includes(strategy)) throw new Error(`--strategies: unknown "${strategy}" (${ICL_STRATEGY_NAMES.join(", ")})`);
if (opts.retrieval !== "nearest" && opts.retrieval !== "strategy") throw new Error(`--retrieval: "${opts.retrieval}" is neither nearest nor strategy`);
const models = list(opts.models);
const missing = localModelsMissing();
const runnable = models.filter((model) => model === "simulated" || !missing);
if (runnable.length < models.length) console.error(`skipping ${models.filter((m) => !runnable.includes(m)).join(", ")}: ${missing}`);

mkdirSync(opts.out, { recursive: true });
const cellsFile = join(opts.out, "cells.jsonl");
const settings = { k: opts.k, labels: opts.labels, testSize: opts.testSize, poolSample: opts.poolSample, retrieval: opts.retrieval };
const keyOf = (cell: Pick<IclCell, "model" | "dataset" | "strategy" | "seed">) =>
  JSON.stringify([cell.model, cell.dataset, cell.strategy, cell.seed, settings]);
const done: IclCell[] = existsSync(cellsFile)
  ? readFileSync(cellsFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as IclCell)
      .filter((cell) => JSON.stringify(cell.settings) === JSON.stringify(settings))
  : [];
const doneKeys = new Set(done.map(keyOf));

for (const model of runnable)
  for (const dataset of list(opts.datasets))
    for (const seed of list(opts.seeds).map(Number))
      for (const strategy of strategies) {
        if (opts.reportOnly || doneKeys.has(keyOf({ model, dataset, strategy, seed }))) continue;
        const learner = model === "simulated" ? { provider: "simulated" as const } : localChatLlm(model, { threads: opts.threads });
        const config: IclConfigInput = {
          dataset: benchDatasetSpec(dataset, opts.dataDir),
          strategy,
          k: opts.k,
          seed,
          retrieval: opts.retrieval,
          learner,
          budget: { maxLabels: opts.labels },
          evaluation: { testSize: opts.testSize },
          scoring: { poolSample: opts.poolSample },
          llmCache: "off",
        };
        const started = performance.now();
        const { state } = await runIclThread({ threadId: "bench", checkpointer: new MemorySaver(), config });
        const metrics = state.history.at(-1);
        if (!metrics) throw new Error(`${model} ${dataset} ${strategy} seed ${seed}: the run ended without a score`);
        const spend = Object.values(state.ledger.llm);
        const cell: IclCell = {
          model,
          dataset,
          strategy,
          seed,
          settings,
          accuracy: metrics.accuracy ?? 0,
          macroF1: metrics.macroF1 ?? 0,
          labels: state.labels.length,
          usd: state.ledger.totalUsd,
          learnerCalls: spend.reduce((sum, s) => sum + s.calls, 0),
          learnerSeconds: spend.reduce((sum, s) => sum + (s.seconds ?? 0), 0),
          wallSeconds: (performance.now() - started) / 1000,
          failures: state.predictions.filter((p) => p.label === null).length,
        };
        appendFileSync(cellsFile, `${JSON.stringify(cell)}\n`);
        done.push(cell);
        console.error(
          `${model} ${dataset} seed ${seed} ${strategy}: accuracy ${cell.accuracy.toFixed(3)}, ${cell.labels} labels, $${cell.usd.toFixed(4)}, ${cell.wallSeconds.toFixed(1)} s`,
        );
      }

const report = iclReport(done, { ...settings, seeds: list(opts.seeds).length, datasets: list(opts.datasets), models: runnable });
console.log(report);
writeFileSync(join(opts.out, "report.md"), `${report}\n`);
process.exit(0);
