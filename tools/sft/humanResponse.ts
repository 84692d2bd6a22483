import { z } from "zod";
import { formatZodIssues } from "../errors.js";
import { AnnotatorNameSchema } from "../labels/labelRecord.js";
import { type SftHumanItem, SftHumanItemSchema } from "./sftRecords.js";

/** The longest response a person may give, in characters. */
export const MAX_RESPONSE_CHARS = 20_000;

/** The payload of an askPeople interrupt: what a UI, a terminal or an API client shows a person. */
export const SftRequestSchema = z
  .object({
    kind: z.literal("activegraph.sft"),
    round: z.number().int().min(0),
    items: z.array(SftHumanItemSchema),
    /** How to answer, in words. */
    answer: z.string(),
    /** Why the previous answer was refused (nothing of it was applied). */
    error: z.string().optional(),
  })
  .strict();
export type SftRequest = z.infer<typeof SftRequestSchema>;

const response = z.string().trim().min(1, "empty response").max(MAX_RESPONSE_CHARS, `longer than ${MAX_RESPONSE_CHARS} characters`);
const extra = { comment: z.string().optional(), annotator: AnnotatorNameSchema.optional() };

/** `{ [id]: "<response>" }`, `{ [id]: { response, comment } }`, `{ [id]: { accept: true } }` (the model's suggestion) or `{ [id]: { skip: true } }`. */
export const SftAnswerSchema = z.record(
  z.string(),
  z.union([
    response,
    z.object({ response, ...extra }).strict(),
    z.object({ accept: z.literal(true), ...extra }).strict(),
    z.object({ skip: z.literal(true), ...extra }).strict(),
  ]),
);

export const SFT_ANSWER_HELP =
  'Resume with { "<id>": "<the response>" } for any of the prompts; { "<id>": { "response": "…", "comment": "…" } } adds a comment; { "<id>": { "accept": true } } keeps the model\'s suggested response; { "<id>": { "skip": true } } leaves the prompt out. Prompts left out stay pending.';

export interface CheckedSftAnswer {
  readonly responses: Array<{ id: string; response: string; accepted: boolean; comment?: string; annotator?: string }>;
  readonly skipped: Array<{ id: string; comment?: string; annotator?: string }>;
}

/**
 * Checks a person's answer against the prompts asked. Any fault refuses the whole answer, with
 * every fault named, so nothing half-right is applied.
 */
export function checkSftAnswer(raw: unknown, items: readonly SftHumanItem[]): { ok: true; answer: CheckedSftAnswer } | { ok: false; error: string } {
  const parsed = SftAnswerSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: `answer refused, nothing applied: the answer must map prompt ids to responses (${formatZodIssues(parsed.error.issues)}). ${SFT_ANSWER_HELP}`,
    };
  const asked = new Map(items.map((item) => [item.id, item]));
  const faults: string[] = [];
  const answer: CheckedSftAnswer = { responses: [], skipped: [] };
  for (const [id, value] of Object.entries(parsed.data)) {
    const item = asked.get(id);
    if (!item) {
      faults.push(`"${id}" is not one of the prompts asked (${[...asked.keys()].map((a) => `"${a}"`).join(", ")})`);
      continue;
    }
    if (typeof value === "string") answer.responses.push({ id, response: value, accepted: false });
    else if ("skip" in value) answer.skipped.push({ id, comment: value.comment, annotator: value.annotator });
    else if ("accept" in value) {
      if (item.suggestion)
        answer.responses.push({ id, response: item.suggestion.response, accepted: true, comment: value.comment, annotator: value.annotator });
      else faults.push(`"${id}" has no suggested response to accept: write one`);
    } else answer.responses.push({ id, response: value.response, accepted: false, comment: value.comment, annotator: value.annotator });
  }
  if (faults.length > 0) return { ok: false, error: `answer refused, nothing applied: ${faults.join("; ")}` };
  if (answer.responses.length + answer.skipped.length === 0)
    return { ok: false, error: `answer refused, nothing applied: the answer answers no prompt. ${SFT_ANSWER_HELP}` };
  return { ok: true, answer };
}
