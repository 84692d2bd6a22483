import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { isLlmSelector } from "../../tools/llm/selection/selectors.js";
import { rngFor } from "../../tools/random.js";
import { labelCapacity } from "../../tools/stopping/budget.js";
import { query } from "../../tools/strategies/registry.js";
import { nextLabelCostUsd } from "../../runtime/labelCost.js";
import { selectWithLlm } from "./llmSelection.js";
import { queryInputFor } from "../../runtime/workspace/queryInput.js";
import { queueForAnnotation } from "./queueForAnnotation.js";
import { requireConfig } from "../../runtime/config/configOf.js";
import { resolveRun } from "../../runtime/workspace/workspace.js";
import type { State, Update } from "../../graphs/activeLearning/state.js";

/**
 * Query by selection: give the configured strategy what it needs (the target model's probabilities,
 * a bootstrap committee, pool vectors, the k-NN index) and let it pick a batch, or let an LLM pick
 * from a shortlist (nodes/llmSelection.ts). The batch is cut to what the budget and the pool still allow.
 */
export async function select(state: State, nodeConfig?: LangGraphRunnableConfig): Promise<Update> {
  const started = performance.now();
  const config = requireConfig(state);
  const run = await resolveRun(config);
  const round = state.round + 1;
  const unlabeled = run.pool.unlabeled(state.labels.map((record) => record.id)).length;
  const capacity = labelCapacity(config.stopping, {
    labels: state.labels.length,
    ledger: state.ledger,
    labelCostUsd: nextLabelCostUsd(config, run),
  });
  const size = Math.min(config.batchSize, capacity, unlabeled);
  if (size < 1) throw new Error(`select ran with no room for a label (capacity ${capacity}, ${unlabeled} unlabelled)`);
  const strategy = config.strategy;
  if (isLlmSelector(strategy)) {
    const selection = await selectWithLlm(strategy, state, config, run, size, round, nodeConfig);
    return {
      round,
      ...queueForAnnotation(config, run, selection.ids, selection.notes),
      queryNotes: selection.notes,
      ledger: selection.ledger,
      stageMs: { select: performance.now() - started },
    };
  }
  const input = await queryInputFor(strategy, { config, run, labels: state.labels, generated: state.generated, round, rng: rngFor(config.seed, "select", round) });
  const picked = await query(strategy, input, size);
  return {
    round,
    ...queueForAnnotation(config, run, Array.from(picked, (index) => run.pool.ids[index])),
    queryNotes: {},
    stageMs: { select: performance.now() - started },
  };
}
