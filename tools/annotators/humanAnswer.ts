import { z } from "zod";
import { formatZodIssues } from "../errors.js";

/** One item put to a person: its text, and the LLM's suggestion when there is one. */
export const HumanItemSchema = z
  .object({
    id: z.string().min(1),
    text: z.string(),
    /** Why a person sees it: "annotation" (people label everything), "review" (the LLM was unsure), "spot-check", "disagreement", "llm-failed". */
    reason: z.string().min(1),
    suggestion: z.object({ label: z.string(), confidence: z.number().nullable(), model: z.string() }).strict().optional(),
    /** What LLMs reasoned about the item (a CoT committee's rationales), shown to the person and kept with the label. */
    rationales: z.array(z.string()).optional(),
  })
  .strict();
export type HumanItem = z.infer<typeof HumanItemSchema>;

/** The payload of an askHuman interrupt: what a UI, a terminal or an API client shows a person. */
export const HumanRequestSchema = z
  .object({
    kind: z.literal("activegraph.label"),
    round: z.number().int().min(0),
    /** The label set: the answer must be one of these. */
    classes: z.array(z.string()),
    items: z.array(HumanItemSchema),
    /** How to answer, in words. */
    answer: z.string(),
    /** Why the previous answer was refused (nothing of it was applied). */
    error: z.string().optional(),
  })
  .strict();
export type HumanRequest = z.infer<typeof HumanRequestSchema>;

const AnswerValueSchema = z.union([
  z.string().min(1),
  z.object({ label: z.string().min(1), comment: z.string().optional() }).strict(),
  z.object({ skip: z.literal(true), comment: z.string().optional() }).strict(),
]);

/** The resume value: `{ [id]: label }`, or `{ [id]: { label, comment } }`, or `{ [id]: { skip: true } }`. */
export const HumanAnswerSchema = z.record(z.string(), AnswerValueSchema);
export type HumanAnswer = z.infer<typeof HumanAnswerSchema>;

export const ANSWER_HELP =
  'Resume with { "<id>": "<label>" } for any of the items; { "<id>": { "label": "<label>", "comment": "…" } } adds a comment; { "<id>": { "skip": true } } returns the item to the pool. Items left out stay pending.';

export interface CheckedAnswer {
  readonly labels: Array<{ id: string; label: string; comment?: string }>;
  readonly skipped: Array<{ id: string; comment?: string }>;
}

/**
 * Checks a person's answer against the items asked and the label set. Any fault refuses the whole
 * answer, with every fault named, so nothing half-right is applied.
 */
export function checkHumanAnswer(
  raw: unknown,
  items: readonly HumanItem[],
  labels: readonly string[],
): { ok: true; answer: CheckedAnswer } | { ok: false; error: string } {
  const parsed = HumanAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    const shape = formatZodIssues(parsed.error.issues);
    return { ok: false, error: `answer refused, nothing applied: the answer must map item ids to labels (${shape}). ${ANSWER_HELP}` };
  }
  const asked = new Set(items.map((item) => item.id));
  const known = new Set(labels);
  const faults: string[] = [];
  const answer: CheckedAnswer = { labels: [], skipped: [] };
  for (const [id, value] of Object.entries(parsed.data)) {
    if (!asked.has(id)) {
      faults.push(`"${id}" is not one of the items asked (${[...asked].map((a) => `"${a}"`).join(", ")})`);
      continue;
    }
    if (typeof value === "object" && "skip" in value) {
      answer.skipped.push({ id, comment: value.comment });
      continue;
    }
    const label = typeof value === "string" ? value : value.label;
    if (!known.has(label)) faults.push(`label "${label}" for "${id}" is not one of ${labels.map((l) => `"${l}"`).join(", ")}`);
    else answer.labels.push({ id, label, comment: typeof value === "string" ? undefined : value.comment });
  }
  if (faults.length > 0) return { ok: false, error: `answer refused, nothing applied: ${faults.join("; ")}` };
  if (answer.labels.length + answer.skipped.length === 0)
    return { ok: false, error: `answer refused, nothing applied: the answer labels no item. ${ANSWER_HELP}` };
  return { ok: true, answer };
}
