import { checkHumanAnswer, type HumanRequest } from "../../tools/annotators/humanAnswer.js";
import type { Vote } from "../../tools/labels/labelRecord.js";
import { hashString } from "../../tools/random.js";
import { type SettleMode, settle } from "./settle.js";

/** One person's answer to one item: a label, or null for a skip. */
export interface ItemVote {
  readonly label: string | null;
  readonly comment?: string;
}

/** One question the thread waits on, as the desk tracks it between people and the thread. */
export interface Question {
  /** Round and item ids: a question asked again after a refused answer (under a new interrupt id) keeps its key. */
  readonly key: string;
  /** Every interrupt id it was asked under, so an answer to an earlier one still finds it. */
  readonly ids: Set<string>;
  interruptId: string;
  request: HumanRequest;
  readonly overlapped: boolean;
  /** People it is handed to (and has no answer from yet), with when their hold lapses. */
  readonly assigned: Map<string, number>;
  /** Answers of the people asked, in the order they came (asked of two people only). */
  votes: Array<{ annotator: string; answers: Map<string, ItemVote> }>;
  /** open: wants answers; ready: its answer waits to be sent; sending: in the thread's resume now. */
  phase: "open" | "ready" | "sending";
  answer: Record<string, unknown> | null;
  answeredBy: string[];
}

export function keyOf(request: HumanRequest): string {
  return `${request.round}|${request.items.map((item) => item.id).join("|")}`;
}

/** A question new to the desk; whether two people answer it is drawn from its key, so a restart draws the same. */
export function newQuestion(interruptId: string, request: HumanRequest, overlap: number, seed: number): Question {
  const key = keyOf(request);
  return {
    key,
    ids: new Set([interruptId]),
    interruptId,
    request,
    overlapped: hashString(`${seed}/overlap/${key}`) / 2 ** 32 < overlap,
    assigned: new Map(),
    votes: [],
    phase: "open",
    answer: null,
    answeredBy: [],
  };
}

export const itemCount = (questions: readonly Question[]) => questions.reduce((sum, q) => sum + q.request.items.length, 0);

function itemVotes(q: Question, itemId: string): Vote[] {
  return q.votes.map((vote) => ({ annotator: vote.annotator, label: vote.answers.get(itemId)?.label ?? null }));
}

/** Answers a question still wants: one, or two (three for a disagreement settled by a third person). */
export function votesWanted(q: Question, mode: SettleMode): number {
  if (!q.overlapped) return 1;
  let wanted = q.votes.length;
  for (const item of q.request.items) {
    const result = settle(itemVotes(q, item.id), mode, item.suggestion?.label);
    if (!result.done) wanted = Math.max(wanted, result.votesNeeded);
  }
  return wanted;
}

/** People who could still be handed the question: wanted answers less those given and those held. */
export function openSlots(q: Question, mode: SettleMode): number {
  return votesWanted(q, mode) - q.votes.length - q.assigned.size;
}

/**
 * When every item's votes settle, the question's answer is ready: the settled label (or skip), with
 * every vote, how it was settled and the comments; false while an item still wants answers.
 */
export function settleQuestion(q: Question, mode: SettleMode): boolean {
  const answer: Record<string, unknown> = {};
  for (const item of q.request.items) {
    const votes = itemVotes(q, item.id);
    const result = settle(votes, mode, item.suggestion?.label);
    if (!result.done) return false;
    const comments = q.votes.flatMap((vote) => {
      const comment = vote.answers.get(item.id)?.comment;
      return comment ? [`${vote.annotator}: ${comment}`] : [];
    });
    answer[item.id] = {
      ...(result.label === null ? { skip: true as const } : { label: result.label }),
      ...(comments.length > 0 ? { comment: comments.join("; ") } : {}),
      votes,
      settledBy: result.settledBy,
    };
  }
  q.answer = answer;
  q.answeredBy = q.votes.map((vote) => vote.annotator);
  q.phase = "ready";
  q.assigned.clear();
  return true;
}

/** Why a person's answer to `q` cannot be taken (null when it can): the question is gone, answered, theirs already, or another's. */
export function whyNotTaken(q: Question | undefined, annotator: string, interruptId: string, mode: SettleMode): string | null {
  if (!q) return `question ${interruptId} is not waiting for an answer (it was answered, or the thread has moved on)`;
  if (q.phase !== "open") return `question ${interruptId} is answered already; its answer is on its way to the thread`;
  if (q.votes.some((vote) => vote.annotator === annotator)) return `you answered question ${interruptId} already`;
  if (!q.assigned.has(annotator) && openSlots(q, mode) <= 0) return `question ${interruptId} is with another person now`;
  return null;
}

/**
 * Keeps a person's vote on a question put to two people, checked now with askHuman's own check
 * (it waits for the other answer); every item needs an answer. Returns the fault, or null.
 */
export function recordVote(q: Question, annotator: string, raw: Record<string, unknown>): string | null {
  const checked = checkHumanAnswer(raw, q.request.items, q.request.classes);
  if (!checked.ok) return checked.error;
  const missing = q.request.items.filter((item) => !(item.id in raw)).map((item) => `"${item.id}"`);
  if (missing.length > 0) return `this question is put to two people, so each of its items needs an answer (${missing.join(", ")} missing)`;
  const answers = new Map<string, ItemVote>();
  for (const { id, label, comment } of checked.answer.labels) answers.set(id, { label, ...(comment ? { comment } : {}) });
  for (const { id, comment } of checked.answer.skipped) answers.set(id, { label: null, ...(comment ? { comment } : {}) });
  q.votes.push({ annotator, answers });
  return null;
}

/** A person's answer as the thread takes it, with their name; votes and settlements are the desk's to give. */
export function signed(value: unknown, annotator: string): unknown {
  if (typeof value === "string") return { label: value, annotator };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const { votes: _votes, settledBy: _settledBy, ...answer } = value as Record<string, unknown>;
  return { ...answer, annotator };
}
