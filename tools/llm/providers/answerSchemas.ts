import type { GbnfJsonSchema } from "node-llama-cpp";
import { parseAnnotationPrompt, type ChatTurn } from "../prompts/annotatePrompt.js";
import { parseQualityPrompt } from "../prompts/qualityPrompt.js";

/**
 * The JSON schema of an annotation reply whose labels can only be labels of the set: given to a
 * grammar-constrained model (llama.cpp), a label outside the set cannot be produced. The answers
 * come one per item, in the prompt's order, each with that item's id, so an item cannot be
 * skipped, repeated or invented either. Key order follows the prompt's answer shape.
 */
export function labelAnswersSchema(input: {
  labels: readonly string[];
  itemKeys: readonly string[];
  confidence?: boolean;
  reasoning?: boolean;
}): GbnfJsonSchema {
  if (input.labels.length === 0) throw new Error("labelAnswersSchema: no labels");
  if (input.itemKeys.length === 0) throw new Error("labelAnswersSchema: no items");
  const answer = (key: string) => ({
    type: "object" as const,
    properties: {
      id: { const: key },
      ...(input.reasoning ? { reasoning: { type: "string" as const } } : {}),
      label: { enum: [...input.labels] },
      ...(input.confidence ? { confidence: { type: "number" as const } } : {}),
    },
  });
  return {
    type: "object",
    properties: {
      answers: {
        type: "array",
        prefixItems: input.itemKeys.map(answer),
        minItems: input.itemKeys.length,
        maxItems: input.itemKeys.length,
      },
    },
  };
}

/**
 * The answer schema of one of activegraph's prompts, read from the prompt itself: annotation (the
 * label set and item ids of the prompt) and Ask-LLM quality ("yes" or "no" per item). Null for
 * prompts whose reply is free text or has no fixed vocabulary.
 */
export function schemaForPrompt(turns: readonly ChatTurn[]): GbnfJsonSchema | null {
  const annotation = parseAnnotationPrompt(turns);
  if (annotation && annotation.labels.length > 0 && annotation.items.length > 0) {
    return labelAnswersSchema({
      labels: annotation.labels,
      itemKeys: annotation.items.map((item) => item.key),
      confidence: annotation.askConfidence,
      reasoning: annotation.chainOfThought,
    });
  }
  const quality = parseQualityPrompt(turns);
  if (quality && quality.items.length > 0) return labelAnswersSchema({ labels: ["yes", "no"], itemKeys: quality.items.map((item) => item.key) });
  return null;
}
