/**
 * bench:preference — active preference against random at equal numbers of preference labels, on
 * the simulator and on real GGUF models (llama.cpp, in-process): the Bradley–Terry reward model's
 * accuracy on held-out pairs (pairs of the test split's prompts with exactly one right answer)
 * after n labels, with what the labels and the selection cost and how long they took. Prints a
 * markdown table per cell and writes the figures under results/paradigms/.
 *
 *   npm run bench:preference -- [--cells sim,real] [--seeds 3] [--threads 1]
 */
import { parseArgs } from "node:util";
import { MemorySaver } from "@langchain/langgraph";
import { compileActivePreference, preferenceContext } from "../../graphs/activePreference/graph.js";
import { type PreferenceConfigInput, parsePreferenceConfig } from "../../runtime/config/preferenceConfig.js";
import { disposeLlamaCppEngines } from "../../tools/llm/providers/llamaCppEngine.js";
import { localChatLlm } from "../../tools/localModels/localChatLlm.js";
import { LOCAL_MODELS, localModelsMissing } from "../../tools/localModels/manifest.js";
import { PREFERENCE_STRATEGY_NAMES, type PreferenceStrategyName } from "../../tools/preference/strategies.js";
import { benchDatasetSpec } from "../datasets.js";
import { markdownTable, mean, writeParadigmResults } from "./markdown.js";

const { values: opts } = parseArgs({
  options: {
    cells: { type: "string", default: "sim,real" },
    seeds: { type: "string", default: "3" },
    threads: { type: "string", default: "1" },
    "data-dir": { type: "string", default: "../shared/datasets" },
    strategies: { type: "string", default: PREFERENCE_STRATEGY_NAMES.join(",") },
    /** On the real models a committee round costs two judges × the shortlist in calls of seconds each: left out unless asked for. */
    "real-strategies": { type: "string", default: "random,reward-uncertainty" },
  },
});

interface Cell {
  readonly name: string;
  readonly describe: string;
  readonly seeds: number;
  readonly strategies: readonly PreferenceStrategyName[];
  /** Label counts at which the reward model's accuracy is reported. */
  readonly at: readonly number[];
  readonly config: (strategy: PreferenceStrategyName, seed: number) => PreferenceConfigInput;
}

const cells: Cell[] = [];
if (opts.cells.includes("sim")) {
  const sim = (model: string) => ({ provider: "simulated" as const, model });
  cells.push({
    name: "sim",
    describe:
      "ag_news, 600 prompts; candidates by simulated gpt-4.1-nano and gpt-4o-mini (2 samples each, 3 pairs a prompt); held-out pairs from 200 test prompts; oracle labels; committee of simulated gpt-4.1-nano, gpt-4o-mini, gpt-4o: SIMULATED LLMs",
    seeds: Number(opts.seeds),
    strategies: opts.strategies.split(",") as PreferenceStrategyName[],
    at: [20, 50, 150],
    config: (strategy, seed) => ({
      source: { dataset: benchDatasetSpec("ag_news", opts["data-dir"]), maxItems: 600 },
      strategy,
      seed,
      initialSize: 10,
      batchSize: 10,
      candidates: { generators: [sim("gpt-4.1-nano"), sim("gpt-4o-mini")], samples: 2, pairsPerPrompt: 3 },
      committee: { members: [sim("gpt-4.1-nano"), sim("gpt-4o-mini"), sim("gpt-4o")] },
      evaluation: { size: 200 },
      llmCache: "off",
      stopping: { maxLabels: 150 },
    }),
  });
}
if (opts.cells.includes("real")) {
  const missing = localModelsMissing();
  if (missing) console.error(`real cell skipped: ${missing}`);
  else {
    const threads = Number(opts.threads);
    const smol = localChatLlm(LOCAL_MODELS.smollm2, { threads, maxTokens: 12 });
    const gemma = localChatLlm(LOCAL_MODELS.gemma3, { threads, maxTokens: 12 });
    // A judge writes {"answers":[{"id":…,"label":"A"}]}: more tokens than a candidate's label.
    const judges = [LOCAL_MODELS.smollm2, LOCAL_MODELS.gemma3].map((model) => localChatLlm(model, { threads, maxTokens: 48 }));
    cells.push({
      name: "real",
      describe: `trec6, 16 prompts; candidates by SmolLM2-135M-Instruct Q4_1 and Gemma 3 270M Q4_K_M (2 samples each at temperature 1, label grammar), llama.cpp ${threads} thread; held-out pairs from 12 test prompts; oracle labels${opts["real-strategies"].includes("committee") ? "; committee of the same two models as judges (shortlist ×2)" : ""}`,
      seeds: 1,
      strategies: opts["real-strategies"].split(",") as PreferenceStrategyName[],
      at: [4, 8, 12],
      config: (strategy, seed) => ({
        source: {
          dataset: benchDatasetSpec("trec6", opts["data-dir"]),
          maxItems: 16,
          instruction: "What kind of answer does this question ask for? Answer with one of: {labels}.",
        },
        strategy,
        seed,
        initialSize: 4,
        batchSize: 4,
        shortlistFactor: 2,
        candidates: { generators: [smol, gemma], samples: 2, pairsPerPrompt: 3 },
        committee: { members: judges, itemsPerCall: 1 },
        evaluation: { size: 12 },
        // The candidates are written once and read from the cache by every strategy: they compare on the same pairs.
        llmCache: "results/paradigms/preference-llm-cache.sqlite",
        stopping: { maxLabels: 12 },
      }),
    });
  }
}

const results: Record<string, unknown> = {};
for (const cell of cells) {
  const rows: Array<Array<string | number>> = [];
  const runs: unknown[] = [];
  for (const strategy of cell.strategies) {
    const measured: Array<{
      accuracyAt: Array<number | null>;
      labels: number;
      ties: number;
      heldOut: number;
      pairs: number;
      usd: number;
      judgeUsd: number;
      seconds: number;
      selectionSeconds: number;
    }> = [];
    for (let seed = 0; seed < cell.seeds; seed++) {
      const config = parsePreferenceConfig(cell.config(strategy, seed));
      const started = performance.now();
      const state = await compileActivePreference(new MemorySaver()).invoke(
        { config },
        { configurable: { thread_id: `${strategy}-${seed}` }, context: preferenceContext(config) },
      );
      const seconds = (performance.now() - started) / 1000;
      const accuracyAt = cell.at.map((n) => state.history.find((row) => row.labels >= n)?.accuracy ?? null);
      // Rounds' own time (selection, labels, refitting), without writing the candidates.
      const selectionSeconds = state.history.reduce((sum, row) => sum + row.ms, 0) / 1000;
      const judgeUsd = Object.entries(state.ledger.llm)
        .filter(([model]) => config.strategy === "committee" && config.committee.members.some((m) => model.endsWith(m.model)))
        .reduce((sum, [, spend]) => sum + spend.usd, 0);
      const last = state.history.at(-1)!;
      measured.push({
        accuracyAt,
        labels: last.labels,
        ties: last.ties,
        heldOut: last.heldOut,
        pairs: state.pairs.length,
        usd: state.ledger.totalUsd,
        judgeUsd,
        seconds,
        selectionSeconds,
      });
      process.stderr.write(
        `${cell.name} ${strategy} seed ${seed}: accuracy ${accuracyAt.join(" / ")} at ${cell.at.join(" / ")} labels, ${seconds.toFixed(1)} s\n`,
      );
    }
    runs.push({ strategy, measured });
    rows.push([
      strategy,
      ...cell.at.map((_, i) => {
        const values = measured.map((m) => m.accuracyAt[i]).filter((v): v is number => v !== null);
        return values.length > 0 ? (100 * mean(values)).toFixed(1) : "–";
      }),
      mean(measured.map((m) => m.ties)).toFixed(1),
      `${mean(measured.map((m) => m.pairs)).toFixed(0)} / ${mean(measured.map((m) => m.heldOut)).toFixed(0)}`,
      mean(measured.map((m) => m.usd)).toFixed(4),
      mean(measured.map((m) => m.judgeUsd)).toFixed(4),
      mean(measured.map((m) => m.selectionSeconds)).toFixed(1),
      mean(measured.map((m) => m.seconds)).toFixed(1),
    ]);
  }
  results[cell.name] = { describe: cell.describe, seeds: cell.seeds, at: cell.at, runs };
  console.log(`\n### active preference, ${cell.describe}; mean of ${cell.seeds} seed(s)\n`);
  console.log(
    markdownTable(
      ["strategy", ...cell.at.map((n) => `RM accuracy % @${n}`), "ties", "pairs / held-out", "USD (all)", "USD (committee)", "rounds s", "wall s"],
      rows,
    ),
  );
}
console.log(`\nwrote ${writeParadigmResults("preference", results)}`);
await disposeLlamaCppEngines();
