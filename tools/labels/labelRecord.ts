import { z } from "zod";

/** Who gave a label: the simulated gold oracle of benchmarks, a person, or an LLM. */
export const LabelSourceSchema = z.enum(["oracle", "human", "llm"]);

/** One label, as checkpointed: the run's permanent record, from which the target model is rebuilt. */
export const LabelRecordSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    source: LabelSourceSchema,
    /** The annotator's confidence in [0, 1] when it has one. */
    confidence: z.number().min(0).max(1).nullable(),
    costUsd: z.number().min(0),
    round: z.number().int().min(0),
  })
  .strict();
export type LabelRecord = z.infer<typeof LabelRecordSchema>;
