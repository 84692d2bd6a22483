import { z } from "zod";

/**
 * The strategy bandit (`strategy: "auto"`): which query methods it chooses among, and the
 * validation slice its reward is measured on. The slice is paid for from the budget like any label
 * (it is labeled with the initial batch) and counted as such; the test split is never read.
 */
export const BanditConfigSchema = z
  .object({
    /** The arms: registered query methods (LLM selection included: their calls count in the reward's cost). */
    arms: z.array(z.string().min(1)).min(2).optional(),
    /** Pool items drawn (seeded, uniformly) and labeled with the initial batch, on which each round's gain is measured. */
    validationSize: z.number().int().min(10).default(60),
    /** EXP4.P's confidence parameter δ (ALBL uses 0.1). */
    delta: z.number().gt(0).lt(1).default(0.1),
    /** A gain of this many accuracy points in one round, at the run's mean price of a round, is the top reward. */
    fullRewardGain: z.number().positive().max(1).default(0.05),
  })
  .strict();
export type BanditConfig = z.infer<typeof BanditConfigSchema>;

/**
 * The default arms: the registry's methods that need no LLM and were best somewhere in the README's
 * strategy benchmark, with random (ALBL keeps uniform sampling among its experts) and margin, the default.
 */
export const DEFAULT_ARMS = ["random", "margin", "vote-entropy", "badge", "information-density", "clustered-uncertainty", "typiclust", "probcover"];

export const DEFAULT_BANDIT: BanditConfig = BanditConfigSchema.parse({});
