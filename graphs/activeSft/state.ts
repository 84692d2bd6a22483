import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { appendOnly, failedItems, ledger, peopleQueue } from "../shared/channels.js";
import { ScoredPromptSchema, SftExampleSchema, SftHumanItemSchema, SftRoundSchema } from "../../tools/sft/sftRecords.js";
import { StopReasonSchema } from "../../tools/stopping/types.js";
import { SftConfigSchema } from "../../runtime/config/sftConfig.js";

/**
 * The checkpointed state of an active-SFT run. It grows with the prompts scored and chosen, never
 * with the pool: prompts, their vectors and clusters live in the process (runtime/promptPool/),
 * rebuilt from the config. Responses live here, since they exist nowhere else.
 */
export const ActiveSftState = new StateSchema({
  /** The config, echoed from the runtime context by initialize so a resume needs no context. */
  config: SftConfigSchema.optional(),
  /** The label set of prompts made from a labeled dataset; empty for a prompt file. */
  classes: z.array(z.string()).default(() => []),
  poolSize: z.number().int().min(0).default(0),
  round: z.number().int().min(0).default(0),
  /** The round's candidates, drawn at random from the unchosen pool. */
  shortlist: z.array(z.string()).default(() => []),
  /** Prompts to score next (sampled responses, Ask-LLM quality), wave by wave. */
  pending: z.array(z.string()).default(() => []),
  /** Every prompt scored so far, by id. */
  scored: new ReducedValue(
    z.record(z.string(), ScoredPromptSchema).default(() => ({})),
    {
      inputSchema: z.record(z.string(), ScoredPromptSchema),
      reducer: (current, update) => ({ ...current, ...update }),
    },
  ),
  /** The round's picks, waiting to be assigned to self-training or to the annotator. */
  batch: z.array(z.string()).default(() => []),
  /** Picks whose response the oracle or the LLM annotator writes next. */
  toAnnotate: z.array(z.string()).default(() => []),
  examples: appendOnly(SftExampleSchema),
  /** Prompts waiting for a person; answered ones leave it. */
  humanQueue: peopleQueue(SftHumanItemSchema),
  /** Prompts nobody could answer (kept with the reason; they may be drawn again). */
  failed: failedItems(),
  ledger: ledger(),
  history: appendOnly(SftRoundSchema),
  /** When the round started (ms since the epoch), for its wall time. */
  roundStartedAt: z.number().default(0),
  /** A call was refused because the budget could not pay for it: the run stops. */
  budgetRefused: z.boolean().default(false),
  stopReason: StopReasonSchema.nullable().default(null),
});

export type SftState = typeof ActiveSftState.State;
export type SftUpdate = typeof ActiveSftState.Update;
