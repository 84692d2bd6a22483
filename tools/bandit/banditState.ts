import { z } from "zod";
import type { Rng } from "../random.js";
import { armProbabilities, drawArm, type Exp4pSettings, updateLogWeights } from "./albl.js";
import { gainPerUsdReward } from "./reward.js";

/** One round's choice: the arm, the distribution it was drawn from, and, once the next round starts, what it earned. */
export const BanditChoiceSchema = z
  .object({
    round: z.number().int().min(1),
    arm: z.string().min(1),
    probabilities: z.array(z.number().min(0).max(1)),
    /** Validation accuracy and USD spent when the arm was chosen. */
    validationBefore: z.number().min(0).max(1),
    usdBefore: z.number().min(0),
    /**
     * The method the round really ran, when another one stood in for the arm (the class-coverage
     * guard's margin sampling). Such a round's gain says nothing of the arm, so it is not credited.
     */
    ranAs: z.string().min(1).optional(),
    /** Settled when the next round starts: the validation gain, what the round cost, the reward in [0, 1]. */
    gain: z.number().optional(),
    usd: z.number().min(0).optional(),
    reward: z.number().min(0).max(1).optional(),
  })
  .strict();
export type BanditChoice = z.infer<typeof BanditChoiceSchema>;

/** The bandit as checkpointed: a resumed run draws the same arm from the same weights and stream. */
export const BanditStateSchema = z
  .object({
    arms: z.array(z.string().min(1)).min(2),
    logWeights: z.array(z.number()),
    choices: z.array(BanditChoiceSchema),
  })
  .strict()
  .refine((bandit) => bandit.logWeights.length === bandit.arms.length, { message: "one weight per arm" });
export type BanditState = z.infer<typeof BanditStateSchema>;

export interface BanditStep extends Exp4pSettings {
  readonly arms: readonly string[];
  readonly round: number;
  /** The current model's accuracy on the validation slice, and the run's spend so far. */
  readonly validation: number;
  readonly usd: number;
  readonly fullRewardGain: number;
  /** The round's seeded stream. */
  readonly rng: Rng;
}

/**
 * The start of a query round under strategy "auto": settle the previous round's reward (its
 * validation gain per USD) into the weights, then draw this round's arm. Pure: the same state,
 * measurements and stream give the same choice.
 */
export function banditStep(previous: BanditState | null, step: BanditStep): BanditState {
  let bandit: BanditState = previous ?? { arms: [...step.arms], logWeights: step.arms.map(() => 0), choices: [] };
  const last = bandit.choices.at(-1);
  if (last && last.reward === undefined) {
    const gain = step.validation - last.validationBefore;
    const usd = Math.max(0, step.usd - last.usdBefore);
    const meanRoundUsd = (step.usd - bandit.choices[0].usdBefore) / bandit.choices.length;
    const reward = gainPerUsdReward(gain, usd, meanRoundUsd, step.fullRewardGain);
    const chosen = bandit.arms.indexOf(last.arm);
    bandit = {
      ...bandit,
      logWeights: last.ranAs ? bandit.logWeights : updateLogWeights(bandit.logWeights, last.probabilities, chosen, reward, step),
      choices: [...bandit.choices.slice(0, -1), { ...last, gain, usd, reward }],
    };
  }
  const probabilities = armProbabilities(bandit.logWeights, step);
  const arm = bandit.arms[drawArm(probabilities, step.rng)];
  return {
    ...bandit,
    choices: [...bandit.choices, { round: step.round, arm, probabilities, validationBefore: step.validation, usdBefore: step.usd }],
  };
}

/** This round's choice, marked as run by another method: its reward will not be credited to the arm. */
export function ranInstead(bandit: BanditState, method: string): BanditState {
  const last = bandit.choices.at(-1)!;
  return last.arm === method ? bandit : { ...bandit, choices: [...bandit.choices.slice(0, -1), { ...last, ranAs: method }] };
}
