import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { appendOnly, failedItems, ledger, peopleQueue } from "../shared/channels.js";
import { LabelRecordSchema } from "../../tools/labels/labelRecord.js";
import { GeneratedItemSchema } from "../../tools/llm/generatedItem.js";
import { HumanItemSchema } from "../../tools/annotators/humanAnswer.js";
import { RoundMetricsSchema } from "../../tools/metrics/roundMetrics.js";
import { RunConfigSchema } from "../../runtime/config/runConfig.js";
import { StopReasonSchema } from "../../tools/stopping/types.js";
import {
  addObservations,
  addStated,
  CalibrationObservationSchema,
  CalibrationSchema,
  StatedConfidenceSchema,
  StatedConfidencesSchema,
} from "../../tools/annotators/calibration.js";
import { BanditStateSchema } from "../../tools/bandit/banditState.js";
import { AuditRecordSchema } from "../../tools/biasAudit/auditRecord.js";

const addCounts = (current: Record<string, number>, update: Record<string, number>): Record<string, number> => {
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) next[key] = (next[key] ?? 0) + value;
  return next;
};

/**
 * The checkpointed state of an active-learning run. It grows with the labels, never with the pool:
 * pool texts, features and the target model live in the process (nodes/runResources.ts) and are
 * rebuilt from the config and the label records on resume.
 */
export const ActiveLearningState = new StateSchema({
  /** The run config, echoed from the runtime context by initialize so a resume needs no context. */
  config: RunConfigSchema.optional(),
  /** The label set, sorted (from the dataset); set by initialize. */
  classes: z.array(z.string()).default(() => []),
  /** Pool items still without a label, after the last evaluation. */
  unlabeled: z.number().int().min(0).default(0),
  /** 0 for the initial batch, then one per query round. */
  round: z.number().int().min(0).default(0),
  /** Every label so far, in the order given: the source of truth for the target model. */
  labels: appendOnly(LabelRecordSchema),
  /** Pool ids chosen for annotation and not yet labeled. */
  batch: z.array(z.string()).default(() => []),
  /** Why the current batch was chosen, per item, in the LLMs' words (CoT-QBC); kept with the labels. */
  queryNotes: z.record(z.string(), z.array(z.string())).default(() => ({})),
  /** Items waiting for a person, each with why and the LLM's suggestion if any; answered ones leave it. */
  humanQueue: peopleQueue(HumanItemSchema),
  /** Items an annotator could not label (kept with the reason; they return to the pool). */
  failed: failedItems(),
  /** Items written by an LLM and kept: their text lives only here. */
  generated: appendOnly(GeneratedItemSchema),
  ledger: ledger(),
  /** One entry per round: the learning curve. */
  history: appendOnly(RoundMetricsSchema),
  /** Wall time of each stage in the current round (summed when a stage runs several times); evaluate moves it into history and clears it. */
  stageMs: new ReducedValue(
    z.record(z.string(), z.number()).default(() => ({})),
    {
      inputSchema: z.record(z.string(), z.number()),
      reducer: addCounts,
    },
  ),
  /** Counts of the current round (generated candidates kept and rejected, LLM failures…); evaluate moves them into history. */
  counters: new ReducedValue(
    z.record(z.string(), z.number()).default(() => ({})),
    {
      inputSchema: z.record(z.string(), z.number()),
      reducer: addCounts,
    },
  ),
  /** How often each machine annotator was right, per stated confidence, as people checked it: the value router's calibration. */
  calibration: new ReducedValue(
    CalibrationSchema.default(() => ({})),
    {
      inputSchema: z.array(CalibrationObservationSchema),
      reducer: addObservations,
    },
  ),
  /** How many answers each machine annotator gave per stated confidence, checked or not: what the value route expects of a cascade's strong model. */
  stated: new ReducedValue(
    StatedConfidencesSchema.default(() => ({})),
    {
      inputSchema: z.array(StatedConfidenceSchema),
      reducer: addStated,
    },
  ),
  /** Every bias audit (CAL): the patterns its LLM named and the items it sent back for relabeling. */
  audits: appendOnly(AuditRecordSchema),
  /** The strategy bandit (strategy "auto"): its weights, and each round's choice and reward. */
  bandit: BanditStateSchema.nullable().default(null),
  stopReason: StopReasonSchema.nullable().default(null),
});

export type State = typeof ActiveLearningState.State;
export type Update = typeof ActiveLearningState.Update;
