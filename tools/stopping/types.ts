import { z } from "zod";
import type { Ledger } from "../cost/ledger.js";
import type { RoundMetrics } from "../metrics/roundMetrics.js";

/** Why a run stopped, as recorded in the final state. */
export const StopReasonSchema = z
  .object({
    criterion: z.string().min(1),
    message: z.string().min(1),
    round: z.number().int().min(0),
  })
  .strict();
export type StopReason = z.infer<typeof StopReasonSchema>;

/** Everything a stopping criterion may read after a round. */
export interface StopContext {
  readonly history: readonly RoundMetrics[];
  readonly ledger: Ledger;
  readonly labels: number;
  readonly unlabeled: number;
  /** What the next label may cost at most (the human fee, or an LLM call's worst case per item). */
  readonly labelCostUsd: number;
  /** The budget refused a call in the last round: the money left cannot pay for it. */
  readonly budgetRefusedCall?: boolean;
  /** New items can be generated when the pool runs out. */
  readonly canGenerate?: boolean;
}

/** Says whether to stop after the last round, and why; null to go on. */
export type StoppingCriterion = (context: StopContext) => Omit<StopReason, "round"> | null;
