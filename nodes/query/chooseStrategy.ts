import type { State } from "../../graphs/activeLearning/state.js";
import { estimateRounds } from "../../runtime/budget.js";
import { AUTO, queryMethodsOf, type RunConfig } from "../../runtime/config/runConfig.js";
import { nextLabelCostUsd } from "../../runtime/costEstimate.js";
import { validationAccuracy } from "../../runtime/workspace/validationSlice.js";
import type { Workspace } from "../../runtime/workspace/workspace.js";
import { banditStep, type BanditState } from "../../tools/bandit/banditState.js";
import { DEFAULT_BANDIT } from "../../tools/bandit/config.js";
import { rngFor } from "../../tools/random.js";

/**
 * The query method of a round: the configured one, or under strategy "auto" the bandit's draw,
 * after it has been paid the last round's validation gain per USD. The new bandit state goes into
 * the checkpoint with the round's batch, so a resumed round draws the same arm.
 */
export async function chooseStrategy(
  config: RunConfig,
  workspace: Workspace,
  state: Pick<State, "labels" | "generated" | "ledger" | "bandit">,
  round: number,
): Promise<{ name: string; bandit?: BanditState }> {
  if (config.strategy !== AUTO) return { name: config.strategy };
  const settings = config.bandit ?? DEFAULT_BANDIT;
  // The query rounds the budget allows (estimateRounds counts the initial batch as one).
  const horizon = Math.max(1, estimateRounds(config, workspace.pool.size, nextLabelCostUsd(config, workspace)) - 1);
  const bandit = banditStep(state.bandit, {
    arms: queryMethodsOf(config),
    round,
    validation: await validationAccuracy(config, workspace, state.labels, state.generated),
    usd: state.ledger.totalUsd,
    horizon,
    delta: settings.delta,
    fullRewardGain: settings.fullRewardGain,
    rng: rngFor(config.seed, "bandit", round),
  });
  return { name: bandit.choices.at(-1)!.arm, bandit };
}
