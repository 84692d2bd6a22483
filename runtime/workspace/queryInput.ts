import { strategyVectorSpec } from "../../tools/embed/representation.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import type { Rng } from "../../tools/random.js";
import type { QueryInput, StrategyNeed } from "../../tools/strategies/types.js";
import type { RunConfig } from "../config/runConfig.js";
import type { Workspace } from "./workspace.js";

/** The workspace-made inputs a method may need; an LLM and a committee's votes come from the node that asks. */
type WorkspaceNeed = Exclude<StrategyNeed, "llm" | "votes">;

/**
 * What a method needs to pick from `candidates`, and nothing more: scoring the pool costs a pass
 * of the model, an ensemble `size` fits and passes, vectors and an index a projection and a graph
 * on first use. None of it enters the state; all of it is rebuilt from the config and the labels.
 */
export async function queryInputFor(
  needs: readonly StrategyNeed[],
  {
    config,
    workspace,
    labels,
    generated,
    round,
    rng,
    candidates,
  }: {
    config: RunConfig;
    workspace: Workspace;
    labels: readonly LabelRecord[];
    generated: readonly GeneratedItem[];
    round: number;
    rng: Rng;
    /** The pool indices to pick from; the unlabeled items by default. */
    candidates?: Uint32Array;
  },
): Promise<QueryInput> {
  const wanted = new Set<StrategyNeed>(needs);
  const { pool, models } = workspace;
  const labeledIds = labels.map((record) => record.id);
  const input: { -readonly [K in keyof QueryInput]: QueryInput[K] } = {
    candidates: candidates ?? pool.unlabeled(labeledIds),
    rng,
    numClasses: workspace.classes.length,
  };
  const build: { [K in WorkspaceNeed]: () => Promise<void> | void } = {
    // Generated items have no place in the pool: "labeled" means labeled pool items.
    labeled: () => void (input.labeled = Uint32Array.from(new Set(labeledIds.filter((id) => pool.has(id)).map((id) => pool.indexOf(id)))).sort()),
    // With no label yet (every answer failed) the model is uninformed: all its scores tie, and ties
    // are broken at random, so the method falls back to random sampling.
    probs: async () => void (input.probs = await models.poolProbabilities(config, await models.target(config, labels, generated))),
    memberProbs: async () => {
      const members = await models.ensemble(config, labels, generated, { size: config.ensemble.size, round });
      input.memberProbs = await Promise.all(members.map((member) => models.poolProbabilities(config, member)));
    },
    vectors: async () => void (input.vectors = (await workspace.vectors.of(strategyVectorSpec(config.representation, config.vectors))).vectors),
    index: async () => void (input.index = await workspace.vectors.index(strategyVectorSpec(config.representation, config.vectors), config.index)),
    texts: () => void (input.texts = pool.texts),
  };
  for (const need of Object.keys(build) as WorkspaceNeed[]) if (wanted.has(need)) await build[need]();
  return input;
}
