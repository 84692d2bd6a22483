import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { LedgerEntry } from "../../tools/cost/ledger.js";
import { kmeans } from "../../tools/linalg/kmeans.js";
import type { Spend } from "../../tools/llm/annotator.js";
import { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import { qualityScores } from "../../tools/llm/selection/qualityScores.js";
import { rankItems } from "../../tools/llm/selection/rankItems.js";
import type { LlmSelectorName } from "../../tools/llm/selection/selectors.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { taskInstructions, type RunConfig } from "../../runtime/config/runConfig.js";
import { query } from "../../tools/strategies/registry.js";
import { runCommittee } from "../../graphs/committee/graph.js";
import { llmClientFor } from "../../runtime/llm/clients.js";
import { queryInputFor } from "../../runtime/workspace/queryInput.js";
import { remainingUsd } from "../../runtime/remainingUsd.js";
import { runVectors, type RunResources } from "../../runtime/workspace/workspace.js";
import type { State } from "../../graphs/activeLearning/state.js";

export interface LlmSelection {
  readonly ids: string[];
  readonly ledger: LedgerEntry[];
  /** Why each item was chosen, in the LLMs' words (CoT-QBC), kept with its label later. */
  readonly notes: Record<string, string[]>;
}

const CANDIDATES_PER_CLUSTER = 8;

/**
 * Selection with an LLM in the loop. A cheap strategy shortlists `shortlistFactor × k` candidates
 * (so a round costs a bounded number of calls); then, by strategy: the LLM ranks them (llm-rank,
 * ActiveLLM), scores their quality (ask-llm), drops the weakest before the shortlist's own order
 * decides (llm-prune, ActivePrune), picks one from each of k clusters of the pool (llm-clusters,
 * SelectLLM), or a committee of chain-of-thought LLMs labels them and the ones it splits on most are
 * taken (cot-qbc). Whatever the LLM leaves open is filled from the shortlist, so a batch is never short.
 */
export async function selectWithLlm(
  strategy: LlmSelectorName,
  state: State,
  config: RunConfig,
  run: RunResources,
  k: number,
  round: number,
  nodeConfig?: LangGraphRunnableConfig,
): Promise<LlmSelection> {
  const rng = rngFor(config.seed, "select", round);
  const base = config.selection.shortlist;
  const input = await queryInputFor(base, { config, run, labels: state.labels, generated: state.generated, round, rng });
  const shortlistSize = Math.min(input.unlabeled.length, Math.max(k, k * config.selection.shortlistFactor));
  const shortlist = Array.from(await query(base, input, shortlistSize), (index) => run.pool.ids[index]);
  const items = shortlist.map((id) => ({ id, text: run.pool.texts[run.pool.indexOf(id)] }));
  const settings = { instructions: taskInstructions(config), labels: run.labels, labelDescriptions: config.task.labelDescriptions };
  const guard = new BudgetGuard(remainingUsd(config, state.ledger));
  const spend: Spend = { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, usd: 0 };
  const fill = (chosen: string[]) => [...new Set([...chosen, ...shortlist])].slice(0, k);
  const entry = (client: { key: string }): LedgerEntry[] => [{ kind: "llm", model: client.key, ...spend }];

  switch (strategy) {
    case "llm-rank": {
      const client = llmClientFor(config, config.selection.llm, run);
      return { ids: fill(await rankItems(client, items, k, settings, guard, spend)), ledger: entry(client), notes: {} };
    }
    case "ask-llm":
    case "llm-prune": {
      const client = llmClientFor(config, config.selection.llm, run);
      const scores = await qualityScores(client, items, settings, guard, spend);
      if (strategy === "ask-llm") {
        const ranked = [...shortlist].sort((a, b) => scores.get(b)! - scores.get(a)!);
        return { ids: ranked.slice(0, k), ledger: entry(client), notes: {} };
      }
      const keep = Math.max(k, Math.ceil(shortlist.length * (1 - config.selection.pruneShare)));
      const kept = new Set([...shortlist].sort((a, b) => scores.get(b)! - scores.get(a)!).slice(0, keep));
      return { ids: shortlist.filter((id) => kept.has(id)).slice(0, k), ledger: entry(client), notes: {} };
    }
    case "llm-clusters": {
      const client = llmClientFor(config, config.selection.llm, run);
      const { vectors } = await runVectors(config, run);
      const clusters = kmeans(vectors, input.unlabeled, k, rng);
      const members: string[][] = Array.from({ length: k }, () => []);
      clusters.assignment.forEach((cluster, i) => members[cluster].push(run.pool.ids[input.unlabeled[i]]));
      const picks = await Promise.all(
        members.map(async (ids) => {
          if (ids.length === 0) return [];
          const candidates = shuffleInPlace([...ids], rng).slice(0, CANDIDATES_PER_CLUSTER);
          const chosen = await rankItems(client, candidates.map((id) => ({ id, text: run.pool.texts[run.pool.indexOf(id)] })), 1, settings, guard, spend);
          return chosen.length > 0 ? chosen : candidates.slice(0, 1);
        }),
      );
      return { ids: fill(picks.flat()), ledger: entry(client), notes: {} };
    }
    case "cot-qbc": {
      const committee = await runCommittee(
        {
          config,
          round,
          items,
          labels: state.labels,
          generated: state.generated,
          budgetUsd: Number.isFinite(remainingUsd(config, state.ledger)) ? remainingUsd(config, state.ledger) : null,
        },
        nodeConfig,
      );
      const order = [...committee.verdicts].sort((a, b) => b.voteEntropy - a.voteEntropy || b.klToConsensus - a.klToConsensus);
      const ids = fill(order.map((verdict) => verdict.id));
      const notes = Object.fromEntries(committee.verdicts.filter((verdict) => ids.includes(verdict.id)).map((verdict) => [verdict.id, verdict.rationales]));
      return { ids, ledger: committee.spend, notes };
    }
  }
}
