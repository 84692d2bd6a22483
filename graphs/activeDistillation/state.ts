import { StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { appendOnly, failedItems, ledger } from "../shared/channels.js";
import { DistillConfigSchema } from "../../runtime/config/distillConfig.js";
import { LabelRecordSchema } from "../../tools/labels/labelRecord.js";
import { StopReasonSchema } from "../../tools/stopping/types.js";

/** One point of the distillation curve: what the teacher has cost so far, and how good the student is. */
export const DistillRoundSchema = z
  .object({
    round: z.number().int().min(0),
    /** Items put to the teacher so far (relabels and failures included). */
    teacherLabels: z.number().int().min(0),
    /** Teacher calls so far (cached ones not counted), and what they cost. */
    teacherCalls: z.number().int().min(0),
    usd: z.number().min(0),
    inputTokens: z.number().int().min(0),
    outputTokens: z.number().int().min(0),
    /** Wall seconds the teacher took so far (a local model's compute). */
    teacherSeconds: z.number().min(0),
    /** Pool items with a label: what the student trains on. */
    labeled: z.number().int().min(0),
    /** The student on the test split (null without one). */
    accuracy: z.number().nullable(),
    macroF1: z.number().nullable(),
    /** FreeAL: items the student kept as clean, sent back to the teacher, and whose label the teacher changed, this round. */
    clean: z.number().int().min(0).optional(),
    relabeled: z.number().int().min(0).optional(),
    changed: z.number().int().min(0).optional(),
  })
  .strict();
export type DistillRound = z.infer<typeof DistillRoundSchema>;

/**
 * The checkpointed state of a distillation thread. It grows with the teacher's labels, never with
 * the pool: texts, features and the student live in the workspace and are rebuilt on resume.
 * The channels the loop has (labels, failed, ledger, batch, stop reason) have its shapes.
 */
export const DistillationState = new StateSchema({
  /** The config, echoed from the run's context by initialize so a resume needs none. */
  config: DistillConfigSchema.optional(),
  /** The label set, sorted (from the dataset). */
  classes: z.array(z.string()).default(() => []),
  /** 0 for the teacher's first labels; then one per student query (active) or per filtering round (FreeAL). */
  round: z.number().int().min(0).default(0),
  /** Every label the teacher gave, in order; a relabeled item's last record is its label (latestLabels). */
  labels: appendOnly(LabelRecordSchema),
  /** Items waiting for the teacher, asked wave by wave. */
  batch: z.array(z.string()).default(() => []),
  /**
   * The labeled items the teacher's demonstrations come from: every label so far (`labels`, as the
   * loop's LLM annotator), or the student's clean set (FreeAL's relabeling).
   */
  demonstrationsFrom: z.enum(["labels", "clean"]).default("labels"),
  /** FreeAL: the ids the student judged clean in the last filtering round. */
  clean: z.array(z.string()).default(() => []),
  /** Items put to the teacher so far, relabels and failures included: what `budget.maxTeacherLabels` counts. */
  teacherLabels: z.number().int().min(0).default(0),
  /** Wall seconds of the teacher's calls so far. */
  teacherSeconds: z.number().min(0).default(0),
  /** Whether the USD budget refused a call: nothing more can be paid for. */
  budgetRefused: z.boolean().default(false),
  /** Items the teacher could not label (kept with the reason; active selection does not pick them again). */
  failed: failedItems(),
  ledger: ledger(),
  /** One point per round: student accuracy against teacher calls, USD, tokens and seconds. */
  history: appendOnly(DistillRoundSchema),
  stopReason: StopReasonSchema.nullable().default(null),
});

export type DistillState = typeof DistillationState.State;
export type DistillUpdate = typeof DistillationState.Update;
