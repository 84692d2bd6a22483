import { annotatorAgreement } from "../../tools/metrics/annotatorAgreement.js";
import type { LabelThread, ThreadView } from "./labelThread.js";
import type { Refusal, WorkQuestion, WorkView } from "./protocol.js";
import { itemCount, type Question } from "./question.js";
import type { SettleMode } from "./settle.js";

export interface Person {
  lastSeen: number;
  applied: number;
  refusals: Refusal[];
}

export interface DeskState {
  readonly thread: LabelThread;
  readonly view: ThreadView;
  readonly questions: readonly Question[];
  readonly people: ReadonlyMap<string, Person>;
  readonly sending: boolean;
  readonly failure: string | null;
  readonly overlap: number;
  readonly settle: SettleMode;
  readonly leaseMs: number;
  readonly now: number;
}

/** What one person's page shows: their questions, the thread's progress and money, agreement, who is labelling. */
export function workView(desk: DeskState, annotator: string, mine: readonly Question[]): WorkView {
  const { view, questions } = desk;
  const person = desk.people.get(annotator)!;
  return {
    thread: {
      where: desk.thread.where,
      phase: desk.sending ? "running" : view.phase,
      round: view.round,
      stopReason: view.stopReason,
      failure: desk.failure,
    },
    you: { annotator, applied: person.applied, refusals: person.refusals },
    questions: mine.map((q): WorkQuestion => {
      // A refusal's error is told to whoever gave that answer, not to the next person asked.
      const { error: _error, ...request } = q.request;
      return { interruptId: q.interruptId, request, overlapped: q.overlapped };
    }),
    progress: {
      humanLabels: view.labels.filter((label) => label.source === "human").length,
      labels: view.labels.length,
      pendingItems: itemCount(questions),
      awaitingAnotherPerson: itemCount(questions.filter((q) => q.phase === "open" && q.votes.length > 0)),
      sending: itemCount(questions.filter((q) => q.phase !== "open")),
      spentUsd: view.spentUsd,
      maxUsd: view.maxUsd,
      leftUsd: view.maxUsd === null ? null : Math.max(0, view.maxUsd - view.spentUsd),
      rounds: view.history.length,
      lastAccuracy: view.history.at(-1)?.accuracy ?? null,
    },
    agreement: { ...annotatorAgreement(view.labels, view.classes), overlap: desk.overlap, settle: desk.settle },
    people: [...desk.people].map(([name, p]) => ({ annotator: name, active: desk.now - p.lastSeen < desk.leaseMs, applied: p.applied })),
  };
}
