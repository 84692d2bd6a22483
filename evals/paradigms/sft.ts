/**
 * bench:sft — active SFT against random at an equal number of examples, on the simulator and on a
 * real GGUF model (llama.cpp, in-process). Prints a markdown table per cell and writes the figures
 * under results/paradigms/. Fine-tuning itself is out of scope: a selection is measured by the
 * pool clusters it covers, the share of right responses (judged against the gold answers), its
 * near-duplicate prompts, what it cost and how long it took.
 *
 *   npm run bench:sft -- [--cells sim,real] [--seeds 3] [--threads 1]
 */
import { parseArgs } from "node:util";
import { MemorySaver } from "@langchain/langgraph";
import { compileActiveSft, sftContext } from "../../graphs/activeSft/graph.js";
import { parseSftConfig, type SftConfigInput } from "../../runtime/config/sftConfig.js";
import { disposeLlamaCppEngines } from "../../tools/llm/providers/llamaCppEngine.js";
import { localChatLlm } from "../../tools/localModels/localChatLlm.js";
import { LOCAL_MODELS, localModelsMissing } from "../../tools/localModels/manifest.js";
import { SFT_STRATEGY_NAMES, type SftStrategyName } from "../../tools/sft/strategies.js";
import { benchDatasetSpec } from "../datasets.js";
import { markdownTable, mean, writeParadigmResults } from "./markdown.js";

const { values: opts } = parseArgs({
  options: {
    cells: { type: "string", default: "sim,real" },
    seeds: { type: "string", default: "3" },
    threads: { type: "string", default: "1" },
    "data-dir": { type: "string", default: "../shared/datasets" },
    strategies: { type: "string", default: SFT_STRATEGY_NAMES.join(",") },
  },
});
const strategies = opts.strategies.split(",") as SftStrategyName[];

interface Cell {
  readonly name: string;
  readonly describe: string;
  readonly seeds: number;
  readonly config: (strategy: SftStrategyName, seed: number) => SftConfigInput;
}

const cells: Cell[] = [];
if (opts.cells.includes("sim"))
  cells.push({
    name: "sim",
    describe:
      "ag_news, 600 prompts, 60 examples, coverage of 50 clusters (batch 10, shortlist ×4), responder simulated gpt-4o-mini (4 samples), oracle for the unsure: SIMULATED LLM",
    seeds: Number(opts.seeds),
    config: (strategy, seed) => ({
      source: { dataset: benchDatasetSpec("ag_news", opts["data-dir"]), maxItems: 600 },
      strategy,
      seed,
      batchSize: 10,
      responder: { llm: { provider: "simulated", model: "gpt-4o-mini" }, samples: 4 },
      evaluation: { clusters: 50 },
      llmCache: "off",
      stopping: { maxExamples: 60 },
    }),
  });
if (opts.cells.includes("real")) {
  const missing = localModelsMissing();
  if (missing) console.error(`real cell skipped: ${missing}`);
  else {
    const smol = localChatLlm(LOCAL_MODELS.smollm2, { threads: Number(opts.threads), maxTokens: 12 });
    cells.push({
      name: "real",
      describe: `trec6, 40 prompts, 8 examples, coverage of 6 clusters (batch 4, shortlist ×2), responder SmolLM2-135M-Instruct Q4_1 (llama.cpp, ${opts.threads} thread, 3 samples, label grammar), Ask-LLM by the same model, oracle for the unsure`,
      seeds: 1,
      config: (strategy, seed) => ({
        source: {
          dataset: benchDatasetSpec("trec6", opts["data-dir"]),
          maxItems: 40,
          instruction: "What kind of answer does this question ask for? Answer with one of: {labels}.",
        },
        strategy,
        seed,
        batchSize: 4,
        shortlistFactor: 2,
        responder: { llm: smol, samples: 3, explain: false },
        quality: { itemsPerCall: 4 },
        evaluation: { clusters: 6 },
        llmCache: "off",
        stopping: { maxExamples: 8 },
      }),
    });
  }
}

const results: Record<string, unknown> = {};
for (const cell of cells) {
  const rows: Array<Array<string | number>> = [];
  const runs: unknown[] = [];
  for (const strategy of strategies) {
    const measured = [];
    for (let seed = 0; seed < cell.seeds; seed++) {
      const config = parseSftConfig(cell.config(strategy, seed));
      const started = performance.now();
      const state = await compileActiveSft(new MemorySaver()).invoke(
        { config },
        { configurable: { thread_id: `${strategy}-${seed}` }, context: sftContext(config) },
      );
      const seconds = (performance.now() - started) / 1000;
      const last = state.history.at(-1)!;
      const selfTrained = state.examples.filter((example) => example.source === "self-training").length;
      measured.push({ ...last, selfTrained, calls: Object.values(state.ledger.llm).reduce((sum, spend) => sum + spend.calls, 0), seconds });
      process.stderr.write(
        `${cell.name} ${strategy} seed ${seed}: ${last.examples} examples, ${last.clustersCovered}/${last.clusters} clusters, quality ${last.quality}, ${seconds.toFixed(1)} s\n`,
      );
    }
    runs.push({ strategy, measured });
    rows.push([
      strategy,
      mean(measured.map((m) => m.examples)).toFixed(0),
      `${mean(measured.map((m) => m.clustersCovered)).toFixed(1)}/${measured[0].clusters}`,
      mean(measured.map((m) => 100 * (m.quality ?? 0))).toFixed(1),
      mean(measured.map((m) => m.selfTrained)).toFixed(1),
      mean(measured.map((m) => m.duplicates)).toFixed(1),
      mean(measured.map((m) => m.calls)).toFixed(0),
      mean(measured.map((m) => m.usd)).toFixed(4),
      mean(measured.map((m) => m.seconds)).toFixed(1),
    ]);
  }
  results[cell.name] = { describe: cell.describe, seeds: cell.seeds, runs };
  console.log(`\n### active SFT, ${cell.describe}; mean of ${cell.seeds} seed(s)\n`);
  console.log(
    markdownTable(["strategy", "examples", "clusters covered", "right responses %", "self-trained", "duplicates", "LLM calls", "USD", "wall s"], rows),
  );
}
console.log(`\nwrote ${writeParadigmResults("sft", results)}`);
await disposeLlamaCppEngines();
