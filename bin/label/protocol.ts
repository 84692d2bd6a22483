import { z } from "zod";
import type { HumanRequest } from "../../tools/annotators/humanAnswer.js";
import { AnnotatorNameSchema } from "../../tools/labels/labelRecord.js";
import type { AnnotatorAgreement } from "../../tools/metrics/annotatorAgreement.js";

/*
 * What the labelling page and its server say to each other. The page imports only the types (the
 * bundle carries no zod); the server checks every request with the schemas.
 */

/**
 * A person's answers: `{ [interruptId]: { [itemId]: answer } }`, each answer as the graph takes it
 * (a label, `{ label, comment }`, `{ skip: true, comment }`). The answers themselves are checked by
 * the graph on resume (or, for an item asked of two people, by the same check when the vote comes).
 */
export const AnswersRequestSchema = z
  .object({
    annotator: AnnotatorNameSchema,
    answers: z.record(z.string().min(1), z.record(z.string(), z.unknown())).refine((answers) => Object.keys(answers).length > 0, "no answer given"),
  })
  .strict();
export type AnswersRequest = z.infer<typeof AnswersRequestSchema>;

export const WorkQuerySchema = z.object({ annotator: AnnotatorNameSchema }).strict();

/** An answer refused, with why; nothing of it was applied. */
export interface Refusal {
  readonly id: number;
  readonly itemIds: readonly string[];
  readonly error: string;
}

/** A question handed to this person. */
export interface WorkQuestion {
  readonly interruptId: string;
  readonly request: HumanRequest;
  /** Asked of two people (their answers are compared). */
  readonly overlapped: boolean;
}

export interface WorkView {
  readonly thread: {
    readonly where: string;
    readonly phase: "waiting" | "running" | "unfinished" | "finished" | "failed";
    readonly round: number;
    readonly stopReason: string | null;
    /** Why the last resume failed, if it did. */
    readonly failure: string | null;
  };
  readonly you: {
    readonly annotator: string;
    /** Answers of yours the thread took. */
    readonly applied: number;
    readonly refusals: readonly Refusal[];
  };
  readonly questions: readonly WorkQuestion[];
  readonly progress: {
    /** Labels people gave in this thread. */
    readonly humanLabels: number;
    readonly labels: number;
    /** Items the thread waits on. */
    readonly pendingItems: number;
    /** Items waiting for another person's answer (asked of two, or a disagreement for a third). */
    readonly awaitingAnotherPerson: number;
    /** Items answered and on their way to the thread. */
    readonly sending: number;
    readonly spentUsd: number;
    readonly maxUsd: number | null;
    readonly leftUsd: number | null;
    /** Rounds evaluated: the learning curve's points (/curve.svg). */
    readonly rounds: number;
    readonly lastAccuracy: number | null;
  };
  readonly agreement: AnnotatorAgreement & { readonly overlap: number; readonly settle: "third" | "majority" };
  readonly people: ReadonlyArray<{ readonly annotator: string; readonly active: boolean; readonly applied: number }>;
}

export interface AnswersResponse {
  /** Questions whose answers go to the thread now. */
  readonly queued: number;
  /** Votes kept until another person answers the same item. */
  readonly held: number;
  readonly refused: readonly Refusal[];
}
