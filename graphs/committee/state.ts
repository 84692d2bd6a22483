import { StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { appendOnly } from "../shared/channels.js";
import { LedgerEntrySchema } from "../../tools/cost/ledger.js";
import { LabelRecordSchema } from "../../tools/labels/labelRecord.js";
import { GeneratedItemSchema } from "../../tools/llm/generatedItem.js";
import { RunConfigSchema } from "../../runtime/config/runConfig.js";

/** One member's vote on one item, as a distribution over the classes (for disagreement measures). */
export const VoteSchema = z
  .object({
    member: z.string(),
    id: z.string(),
    label: z.string(),
    confidence: z.number().nullable(),
    probs: z.array(z.number()),
    rationale: z.string().optional(),
  })
  .strict();
export type Vote = z.infer<typeof VoteSchema>;

/** The committee's verdict on one item. */
export const VerdictSchema = z
  .object({
    id: z.string(),
    /** Majority label (ties: the higher mean probability). */
    label: z.string(),
    /** Share of the voting members that gave the majority label. */
    agreement: z.number(),
    voteEntropy: z.number(),
    /** Largest KL(member ‖ consensus). */
    klToConsensus: z.number(),
    votes: z.array(z.object({ member: z.string(), label: z.string() }).strict()),
    rationales: z.array(z.string()),
  })
  .strict();
export type Verdict = z.infer<typeof VerdictSchema>;

/**
 * The committee subgraph's state: the items, the run config (members, models), and what the fan
 * out collects: votes, spend and failures, reduced into verdicts.
 */
export const CommitteeState = new StateSchema({
  config: RunConfigSchema,
  round: z.number().int().min(0),
  items: z.array(z.object({ id: z.string(), text: z.string() }).strict()),
  /** For target-model members: the labels they are fitted on. */
  labels: z.array(LabelRecordSchema).default(() => []),
  generated: z.array(GeneratedItemSchema).default(() => []),
  /** Items per LLM call of each member. */
  itemsPerCall: z.number().int().min(1).max(50).default(5),
  /** What the whole committee may spend; null for no limit. Each member gets an even share. */
  budgetUsd: z.number().min(0).nullable().default(null),
  votes: appendOnly(VoteSchema),
  spend: appendOnly(LedgerEntrySchema),
  failures: appendOnly(z.object({ member: z.string(), id: z.string(), reason: z.string() }).strict()),
  verdicts: z.array(VerdictSchema).default(() => []),
});
export type CommitteeStateValue = typeof CommitteeState.State;
export type CommitteeUpdate = typeof CommitteeState.Update;

/** A member's task, sent by the fan-out: the committee's input and which member this is. */
export const MemberTaskSchema = z.object({
  config: CommitteeState.fields.config,
  round: CommitteeState.fields.round,
  items: CommitteeState.fields.items,
  labels: CommitteeState.fields.labels,
  generated: CommitteeState.fields.generated,
  itemsPerCall: CommitteeState.fields.itemsPerCall,
  budgetUsd: CommitteeState.fields.budgetUsd,
  member: z.number().int().min(0),
});
export type MemberTask = z.infer<typeof MemberTaskSchema>;
