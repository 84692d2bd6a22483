import type { GbnfJsonSchema } from "node-llama-cpp";
import { parseAnnotationPrompt, type ChatTurn } from "../prompts/annotatePrompt.js";
import { parsePairQualityPrompt } from "../prompts/pairQualityPrompt.js";
import { PREFERENCE_CHOICES, parsePreferencePrompt } from "../prompts/preferencePrompt.js";
import { parseQualityPrompt } from "../prompts/qualityPrompt.js";
import { parseRespondPrompt } from "../prompts/respondPrompt.js";

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

/** A GBNF string literal matching exactly `text`. */
export const literal = (text: string) => JSON.stringify(text);

/** GBNF for a JSON string: any character but a quote, a backslash or a control character, or an escape. */
export const JSON_STRING_RULE = 'string ::= "\\"" ( [^"\\\\\\x00-\\x1F] | "\\\\" ["\\\\/bfnrt] )* "\\""';

/**
 * The same constraint as `labelAnswersSchema` as GBNF, spelt exactly as the annotation prompt's
 * answer shape (`{"answers": [{"id": "1", "label": "…"}, …]}`, one space after each colon and
 * comma) with no freedom of whitespace: a small model given the freedom pretty-prints, spending
 * most of its tokens on indentation (SmolLM2 ran out of tokens before closing 5 answers), and every
 * token the grammar forces has probability 1, so the logprobs are the labels'. A verbalized
 * confidence is a number from 0 to 1 with at most three decimals.
 */
export function labelAnswersGbnf(input: { labels: readonly string[]; itemKeys: readonly string[]; confidence?: boolean; reasoning?: boolean }): string {
  if (input.labels.length === 0) throw new Error("labelAnswersGbnf: no labels");
  if (input.itemKeys.length === 0) throw new Error("labelAnswersGbnf: no items");
  const answer = (key: string) =>
    [
      literal(`{"id": ${JSON.stringify(key)}, `),
      ...(input.reasoning ? [literal('"reasoning": '), "string", literal(", ")] : []),
      literal('"label": '),
      "label",
      ...(input.confidence ? [literal(', "confidence": '), "confidence"] : []),
      literal("}"),
    ].join(" ");
  return [
    `root ::= ${literal('{"answers": [')} ${input.itemKeys.map(answer).join(` ${literal(", ")} `)} ${literal("]}")}`,
    `label ::= ${input.labels.map((label) => literal(JSON.stringify(label))).join(" | ")}`,
    ...(input.confidence ? ['confidence ::= "0" ("." [0-9] [0-9]? [0-9]?)? | "1" ("." "0" "0"? "0"?)?'] : []),
    ...(input.reasoning ? [JSON_STRING_RULE] : []),
  ].join("\n");
}

/**
 * A response to an instruction made from a labeled text: one label of the set, a full stop, and
 * (when asked for a reason) a space and one line of free text.
 */
export function labeledResponseGbnf(labels: readonly string[], explain: boolean): string {
  if (labels.length === 0) throw new Error("labeledResponseGbnf: no labels");
  return [
    `root ::= label ${literal(".")}${explain ? ` (${literal(" ")} [^\\n]+)?` : ""}`,
    `label ::= ${labels.map((label) => literal(label)).join(" | ")}`,
  ].join("\n");
}

/**
 * The grammar of the reply to one of activegraph's prompts, read from the prompt itself:
 * annotation (the prompt's label set and item ids), Ask-LLM quality of items and of (prompt,
 * response) pairs ("yes" or "no" per item), preference ("A" or "B" per comparison), and the
 * response to an instruction made from a labeled text (a label first). Null for prompts whose
 * reply is free text.
 */
export function grammarForPrompt(turns: readonly ChatTurn[]): { gbnf: string; json: boolean } | null {
  const annotation = parseAnnotationPrompt(turns);
  if (annotation && annotation.labels.length > 0 && annotation.items.length > 0) {
    const gbnf = labelAnswersGbnf({
      labels: annotation.labels,
      itemKeys: annotation.items.map((item) => item.key),
      confidence: annotation.askConfidence,
      reasoning: annotation.chainOfThought,
    });
    return { gbnf, json: true };
  }
  const quality = parseQualityPrompt(turns) ?? parsePairQualityPrompt(turns);
  if (quality && quality.items.length > 0)
    return { gbnf: labelAnswersGbnf({ labels: ["yes", "no"], itemKeys: quality.items.map((item) => item.key) }), json: true };
  const preference = parsePreferencePrompt(turns);
  if (preference && preference.items.length > 0)
    return { gbnf: labelAnswersGbnf({ labels: PREFERENCE_CHOICES, itemKeys: preference.items.map((item) => item.key) }), json: true };
  const respond = parseRespondPrompt(turns);
  if (respond && respond.labels.length > 0) return { gbnf: labeledResponseGbnf(respond.labels, respond.explain), json: false };
  return null;
}
