import { z } from "zod";
import { formatZodIssues } from "../errors.js";
import { AnnotatorNameSchema, SettledBySchema, VoteSchema, type SettledBy, type Vote } from "../labels/labelRecord.js";

/** One item put to a person: its text, and the LLM's suggestion when there is one. */
export const HumanItemSchema = z
  .object({
    id: z.string().min(1),
    text: z.string(),
    /** Why a person sees it: "annotation" (people label everything), "review" (the LLM was unsure), "spot-check", "disagreement", "llm-failed". */
    reason: z.string().min(1),
    suggestion: z
      .object({
        label: z.string(),
        confidence: z.number().nullable(),
        model: z.string(),
        /** Whether the target model predicted the same label (the value route's calibration reads it; not for people). */
        targetAgrees: z.boolean().optional(),
      })
      .strict()
      .optional(),
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

/** Optional provenance of an answer: who gave it and, for an item asked of several people, every vote. */
const provenance = {
  annotator: AnnotatorNameSchema.optional(),
  votes: z.array(VoteSchema).min(2).optional(),
  settledBy: SettledBySchema.optional(),
};

const AnswerValueSchema = z.union([
  z.string().min(1),
  z.object({ label: z.string().min(1), comment: z.string().optional(), ...provenance }).strict(),
  z.object({ skip: z.literal(true), comment: z.string().optional(), ...provenance }).strict(),
]);

/**
 * The resume value: `{ [id]: label }`, or `{ [id]: { label, comment } }`, or `{ [id]: { skip: true } }`;
 * the object forms may name the `annotator`, and the `votes` and `settledBy` of an item several people answered.
 */
export const HumanAnswerSchema = z.record(z.string(), AnswerValueSchema);
export type HumanAnswer = z.infer<typeof HumanAnswerSchema>;

export const ANSWER_HELP =
  'Resume with { "<id>": "<label>" } for any of the items; { "<id>": { "label": "<label>", "comment": "…" } } adds a comment; { "<id>": { "skip": true } } returns the item to the pool. Items left out stay pending.';

/** Who gave an answer, as the answer says (all optional: a bare label names nobody). */
export interface AnswerProvenance {
  readonly annotator?: string;
  readonly votes?: Vote[];
  readonly settledBy?: SettledBy;
}

export interface CheckedAnswer {
  readonly labels: Array<{ id: string; label: string; comment?: string } & AnswerProvenance>;
  readonly skipped: Array<{ id: string; comment?: string } & AnswerProvenance>;
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
    const label = typeof value === "string" ? value : "skip" in value ? null : value.label;
    const given = typeof value === "string" ? {} : provenanceOf(value);
    const voteFaults = typeof value === "string" ? [] : checkVotes(id, label, value, known);
    faults.push(...voteFaults);
    if (label === null) {
      if (voteFaults.length === 0) answer.skipped.push({ id, comment: (value as { comment?: string }).comment, ...given });
      continue;
    }
    if (!known.has(label)) faults.push(`label "${label}" for "${id}" is not one of ${labels.map((l) => `"${l}"`).join(", ")}`);
    else if (voteFaults.length === 0) answer.labels.push({ id, label, comment: typeof value === "string" ? undefined : value.comment, ...given });
  }
  if (faults.length > 0) return { ok: false, error: `answer refused, nothing applied: ${faults.join("; ")}` };
  if (answer.labels.length + answer.skipped.length === 0)
    return { ok: false, error: `answer refused, nothing applied: the answer labels no item. ${ANSWER_HELP}` };
  return { ok: true, answer };
}

function provenanceOf(value: AnswerProvenance): AnswerProvenance {
  return {
    ...(value.annotator !== undefined ? { annotator: value.annotator } : {}),
    ...(value.votes !== undefined ? { votes: value.votes } : {}),
    ...(value.settledBy !== undefined ? { settledBy: value.settledBy } : {}),
  };
}

/**
 * The votes behind an answer must be able to give it: labels of the set, one vote per person, and
 * the answer (a label, or null for a skip) among them; a settlement names votes to settle.
 */
function checkVotes(id: string, answer: string | null, value: AnswerProvenance, known: ReadonlySet<string>): string[] {
  const faults: string[] = [];
  if (value.settledBy !== undefined && value.votes === undefined) faults.push(`"${id}" says it was settled by ${value.settledBy} but gives no votes`);
  if (value.votes === undefined) return faults;
  for (const vote of value.votes) {
    if (vote.label !== null && !known.has(vote.label)) faults.push(`the vote of "${vote.annotator}" on "${id}", "${vote.label}", is not a label of the set`);
  }
  const people = value.votes.map((vote) => vote.annotator);
  if (new Set(people).size < people.length) faults.push(`the votes on "${id}" name a person twice`);
  if (!value.votes.some((vote) => vote.label === answer))
    faults.push(`the answer for "${id}" (${answer === null ? "skip" : `"${answer}"`}) is none of its votes`);
  return faults;
}
