import { StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { appendOnly } from "../shared/channels.js";
import { IclConfigSchema } from "../../runtime/config/iclConfig.js";
import { ActiveLearningState } from "../activeLearning/state.js";

/** The learner's answer for one test input, as checkpointed. */
export const PredictionSchema = z
  .object({
    /** Position of the input in the test split. */
    test: z.number().int().min(0),
    /** The label it gave; null when its reply named none (counted wrong). */
    label: z.string().nullable(),
    /** Its probability of that label. */
    confidence: z.number().min(0).max(1).nullable(),
    /** Pool ids of the demonstrations it was shown, in prompt order. */
    demonstrations: z.array(z.string()),
    /** Why there is no label. */
    failure: z.string().optional(),
  })
  .strict();
export type Prediction = z.infer<typeof PredictionSchema>;

/**
 * The checkpointed state of an active in-context learning run. It carries the loop's channels
 * (label records, batch, human queue, failed items, ledger, history, counters, stop reason) so
 * the loop's annotator nodes label its picks unchanged: there `config` is the run as the loop sees
 * it (loopConfigOf), written by initialize from `icl`, the run's own config. On top: the test
 * inputs evaluated, whether selection is over, and the learner's answers, one wave at a time.
 */
export const ActiveIclState = new StateSchema({
  ...ActiveLearningState.fields,
  /** The run's config, echoed by initialize from the input or the context so a resume needs neither. */
  icl: IclConfigSchema.optional(),
  /** Positions in the test split of the inputs evaluated: a seeded sample, drawn by initialize. */
  testItems: z.array(z.number().int().min(0)).default(() => []),
  /** Batches select has chosen so far: the strategy's round. */
  selections: z.number().int().min(0).default(0),
  /** Labels there were when select last chose a batch (a batch that adds none ends the selection). */
  labelsAtSelect: z.number().int().min(0).default(0),
  /** The strategy wants no more labels, or the budget pays for none: on to the evaluation. */
  selected: z.boolean().default(false),
  predictions: appendOnly(PredictionSchema),
});

export type IclState = typeof ActiveIclState.State;
export type IclUpdate = typeof ActiveIclState.Update;
