import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { State, Update } from "../../graphs/activeLearning/state.js";
import type { CommitteeRunner } from "../../graphs/committee/graph.js";
import { labelCapacity, remainingUsd } from "../../runtime/budget.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";
import { nextLabelCostUsd } from "../../runtime/costEstimate.js";
import { bookedSpend, cachedCallsOf, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { Services } from "../../runtime/services.js";
import { queryInputFor } from "../../runtime/workspace/queryInput.js";
import { emptySpend } from "../../tools/cost/spend.js";
import { notToQuery } from "../../tools/labels/quarantine.js";
import { rngFor } from "../../tools/random.js";
import { ranInstead } from "../../tools/bandit/banditState.js";
import { COVERAGE_FALLBACK, coverageCollapsed, isGuarded } from "../../tools/strategies/classCoverage.js";
import { getStrategy, query } from "../../tools/strategies/registry.js";
import type { CommitteeDisagreement, QueryInput, StrategyNeed } from "../../tools/strategies/types.js";
import { chooseStrategy } from "./chooseStrategy.js";
import { queueForAnnotation } from "./queueForAnnotation.js";

/**
 * Query by selection: give the configured method what it declares it needs (the target model's
 * probabilities, a bootstrap ensemble, pool vectors, the k-NN index, an LLM, a committee's votes)
 * and let it pick a batch. Methods that ask an LLM about each candidate run over a shortlist made
 * by a cheap method (`selection.shortlist`, `shortlistFactor × k` items), so a round costs a bounded
 * number of calls. The batch is cut to what the budget and the pool still allow. A cold-start or
 * diversity method gives its round to margin sampling when the model predicts one class for
 * nearly every unlabeled item (the class-coverage guard, `classCoverage`; counted in the round).
 */
export const select =
  (services: Services, runCommittee: CommitteeRunner) =>
  async (state: State, nodeConfig?: LangGraphRunnableConfig): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    const workspace = await services.workspace(config);
    const { pool } = workspace;
    const round = state.round + 1;
    // Unlabeled items, less those quarantined after failing too often.
    const open = pool.unlabeled(notToQuery(state.labels, state.failed, config.quarantineAfter));
    const unlabeled = open.length;
    const capacity = labelCapacity(config, { labels: state.labels.length, ledger: state.ledger, labelCostUsd: nextLabelCostUsd(config, workspace) });
    const size = Math.min(config.batchSize, capacity, unlabeled);
    if (size < 1) throw new Error(`select ran with no room for a label (capacity ${capacity}, ${unlabeled} unlabeled)`);

    // Under strategy "auto", the bandit's arm for this round.
    const chosen = await chooseStrategy(config, workspace, state, round);
    const rng = rngFor(config.seed, "select", round);
    const inputOf = (needs: readonly StrategyNeed[], candidates: Uint32Array = open) =>
      queryInputFor(needs, { config, workspace, labels: state.labels, generated: state.generated, round, rng, candidates });
    let strategy: string = chosen.name;
    const counters: Record<string, number> = {};
    if (config.classCoverage.enabled && isGuarded(getStrategy(strategy)) && state.labels.length > 0) {
      const { probs, candidates: unlabeledItems, numClasses } = await inputOf(["probs"]);
      if (coverageCollapsed(probs!, numClasses, unlabeledItems, config.classCoverage)) {
        strategy = COVERAGE_FALLBACK;
        counters.classCoverageGuard = 1;
      }
    }
    const method = getStrategy(strategy);
    let candidates: Uint32Array | undefined;
    if (method.shortlist) {
      const base = config.selection.shortlist;
      const baseInput = await inputOf(getStrategy(base).needs);
      candidates = await query(base, baseInput, Math.min(baseInput.candidates.length, Math.max(size, size * config.selection.shortlistFactor)));
    }
    const input = { ...(await inputOf(method.needs, candidates)) } as { -readonly [K in keyof QueryInput]: QueryInput[K] };
    const spend = emptySpend();
    const notes: Record<string, string[]> = {};
    const client = method.needs.includes("llm") ? services.llm(config, config.selection.llm, workspace) : null;
    const cached = new Map<string, number>();
    // Only a select that pays for calls reads and writes the spend journal.
    const guard = client ? taskBudget(services, config, remainingUsd(config, state.ledger), nodeConfig) : null;
    if (client && guard) {
      input.llm = {
        client,
        guard,
        spend,
        instructions: taskInstructions(config),
        classes: workspace.classes,
        labelDescriptions: config.task.labelDescriptions,
        pruneShare: config.selection.pruneShare,
        counters,
      };
    }
    if (method.needs.includes("votes")) {
      const left = remainingUsd(config, state.ledger);
      const committee = await runCommittee(
        {
          config,
          round,
          items: Array.from(input.candidates, (index) => ({ id: pool.ids[index], text: pool.texts[index] })),
          labels: state.labels,
          generated: state.generated,
          budgetUsd: Number.isFinite(left) ? left : null,
        },
        nodeConfig,
      );
      input.votes = disagreementOf(
        committee.verdicts,
        Array.from(input.candidates, (index) => pool.ids[index]),
      );
      for (const verdict of committee.verdicts) notes[verdict.id] = verdict.rationales;
      for (const [model, calls] of cachedCallsOf(committee.spend)) cached.set(model, (cached.get(model) ?? 0) + calls);
    }
    const picked = Array.from(await query(strategy, input, size), (index) => pool.ids[index]);
    // What the LLMs cost, as the spend journal has it: every attempt of this task, kills included.
    for (const [model, calls] of guard?.cachedCalls() ?? []) cached.set(model, (cached.get(model) ?? 0) + calls);
    const ledger = client || method.needs.includes("votes") ? bookedSpend(services, config, nodeConfig, cached) : [];
    const kept = Object.fromEntries(picked.filter((id) => notes[id]).map((id) => [id, notes[id]]));
    return {
      round,
      ...queueForAnnotation(config, workspace, picked, kept),
      queryNotes: kept,
      ...(chosen.bandit ? { bandit: strategy === chosen.name ? chosen.bandit : ranInstead(chosen.bandit, strategy) } : {}),
      ...(ledger.length > 0 ? { ledger } : {}),
      stageMs: { select: performance.now() - started },
      ...(Object.keys(counters).length > 0 ? { counters } : {}),
    };
  };

/** A committee's verdicts as disagreement per candidate; candidates nobody voted on come last (−1). */
function disagreementOf(verdicts: ReadonlyArray<{ id: string; voteEntropy: number; klToConsensus: number }>, ids: readonly string[]): CommitteeDisagreement {
  const byId = new Map(verdicts.map((verdict) => [verdict.id, verdict]));
  return {
    voteEntropy: Float64Array.from(ids, (id) => byId.get(id)?.voteEntropy ?? -1),
    klToConsensus: Float64Array.from(ids, (id) => byId.get(id)?.klToConsensus ?? -1),
  };
}
