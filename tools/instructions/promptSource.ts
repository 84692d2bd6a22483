import { z } from "zod";
import { DatasetSpecSchema } from "../pool/datasetSpec.js";

/** The question asked of every text of a labeled dataset; `{labels}` becomes the label set. */
export const DEFAULT_INSTRUCTION = "What is the topic of this text? Answer with one of: {labels}.";

/**
 * Where the prompts of the instruction paradigms come from. There is no instruction dataset
 * offline, so the default is made from a labeled text-classification dataset: each text becomes
 * the input of one instruction (`instruction`, a question such as "What is the topic of this
 * text?"), and its gold label a checkable answer, read only by the simulated person and the
 * measures. Or any JSONL file of `{prompt}`, `{prompt, response}` or `{prompt, responses}`.
 */
export const PromptSourceSchema = z.preprocess(
  (value) => (value && typeof value === "object" && !("kind" in value) ? { kind: "file" in value ? "file" : "dataset", ...value } : value),
  z.discriminatedUnion("kind", [
    z
      .object({
        kind: z.literal("dataset"),
        dataset: DatasetSpecSchema,
        instruction: z.string().trim().min(1).default(DEFAULT_INSTRUCTION).describe("the question asked about each text; {labels} becomes the label set"),
        /** A seeded sample of this many texts of the pool (default: all of them). */
        maxItems: z.number().int().positive().optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal("file"),
        file: z.string().min(1).describe("JSONL of {prompt}, {prompt, response} or {prompt, responses} (optionally .gz)"),
        maxItems: z.number().int().positive().optional(),
      })
      .strict(),
  ]),
);
export type PromptSource = z.infer<typeof PromptSourceSchema>;

/** The instruction for a label set: `{labels}` replaced by the labels, comma-separated. */
export function instructionFor(template: string, classes: readonly string[]): string {
  return template.replaceAll("{labels}", classes.join(", "));
}
