import { z } from "zod";
import { formatZodIssues } from "../errors.js";
import { AnnotatorNameSchema } from "../labels/labelRecord.js";
import { type Choice, ChoiceSchema } from "./preferenceRecords.js";

/** One comparison put to a person. */
export const PreferenceHumanItemSchema = z.object({ id: z.string().min(1), prompt: z.string().min(1), a: z.string().min(1), b: z.string().min(1) }).strict();
export type PreferenceHumanItem = z.infer<typeof PreferenceHumanItemSchema>;

/** The payload of an askPreference interrupt. */
export const PreferenceRequestSchema = z
  .object({
    kind: z.literal("activegraph.preference"),
    round: z.number().int().min(0),
    items: z.array(PreferenceHumanItemSchema),
    answer: z.string(),
    /** Why the previous answer was refused (nothing of it was applied). */
    error: z.string().optional(),
  })
  .strict();
export type PreferenceRequest = z.infer<typeof PreferenceRequestSchema>;

const extra = { comment: z.string().optional(), annotator: AnnotatorNameSchema.optional() };

/** `{ [id]: "A" | "B" | "tie" }`, `{ [id]: { choice, comment } }` or `{ [id]: { skip: true } }`. */
export const PreferenceAnswerSchema = z.record(
  z.string(),
  z.union([ChoiceSchema, z.object({ choice: ChoiceSchema, ...extra }).strict(), z.object({ skip: z.literal(true), ...extra }).strict()]),
);

export const PREFERENCE_ANSWER_HELP =
  'Resume with { "<id>": "A" } (response A is better), "B", or "tie" (neither) for any of the comparisons; { "<id>": { "choice": "A", "comment": "…" } } adds a comment; { "<id>": { "skip": true } } leaves it unanswered for good. Comparisons left out stay pending.';

export interface CheckedPreferenceAnswer {
  readonly choices: Array<{ id: string; choice: Choice; comment?: string; annotator?: string }>;
  readonly skipped: Array<{ id: string; comment?: string; annotator?: string }>;
}

/** Checks a person's answer against the comparisons asked; any fault refuses all of it, every fault named. */
export function checkPreferenceAnswer(
  raw: unknown,
  items: readonly PreferenceHumanItem[],
): { ok: true; answer: CheckedPreferenceAnswer } | { ok: false; error: string } {
  const parsed = PreferenceAnswerSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: `answer refused, nothing applied: the answer must map comparison ids to "A", "B" or "tie" (${formatZodIssues(parsed.error.issues)}). ${PREFERENCE_ANSWER_HELP}`,
    };
  const asked = new Set(items.map((item) => item.id));
  const faults: string[] = [];
  const answer: CheckedPreferenceAnswer = { choices: [], skipped: [] };
  for (const [id, value] of Object.entries(parsed.data)) {
    if (!asked.has(id)) faults.push(`"${id}" is not one of the comparisons asked (${[...asked].map((a) => `"${a}"`).join(", ")})`);
    else if (typeof value === "string") answer.choices.push({ id, choice: value });
    else if ("skip" in value) answer.skipped.push({ id, comment: value.comment, annotator: value.annotator });
    else answer.choices.push({ id, choice: value.choice, comment: value.comment, annotator: value.annotator });
  }
  if (faults.length > 0) return { ok: false, error: `answer refused, nothing applied: ${faults.join("; ")}` };
  if (answer.choices.length + answer.skipped.length === 0)
    return { ok: false, error: `answer refused, nothing applied: the answer answers no comparison. ${PREFERENCE_ANSWER_HELP}` };
  return { ok: true, answer };
}
