import { checkHumanAnswer, type HumanRequest } from "../../tools/annotators/humanAnswer.js";
import type { Vote } from "../../tools/labels/labelRecord.js";
import { annotatorAgreement } from "../../tools/metrics/annotatorAgreement.js";
import { hashString } from "../../tools/random.js";
import type { LabelThread, ThreadView } from "./labelThread.js";
import type { AnswersResponse, Refusal, WorkQuestion, WorkView } from "./protocol.js";
import { settle, type SettleMode } from "./settle.js";

export interface DeskOptions {
  /** Share of questions asked of two people, in [0, 1]. */
  readonly overlap: number;
  readonly settle: SettleMode;
  /** Items handed to one person at a time. */
  readonly itemsPerPerson: number;
  /** A person's questions go to others when their page has not asked for work for this long. */
  readonly leaseMs: number;
  /** Seeds the draw of which questions are asked of two people. */
  readonly seed?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

interface ItemVote {
  readonly label: string | null;
  readonly comment?: string;
}

/** One question the thread waits on, as the desk tracks it between people and the thread. */
interface Question {
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

interface Person {
  lastSeen: number;
  applied: number;
  refusals: Refusal[];
}

const REFRESH_MS = 2000;
const REFUSALS_KEPT = 20;

/**
 * The labelling desk: hands each person different questions of the thread (a share of them to two
 * people), keeps the votes on those until they settle, and sends answers to the thread one resume
 * at a time. A thread's validated resume is the only way an answer is applied: when the graph
 * refuses one, the error goes back to the people who gave it and the question is theirs again.
 */
export class LabelDesk {
  private view: ThreadView | null = null;
  private questions: Question[] = [];
  private readonly people = new Map<string, Person>();
  private sending: Promise<void> | null = null;
  private refreshing = false;
  private lastRead = 0;
  private failure: string | null = null;
  private refusalCount = 0;
  private readonly now: () => number;

  constructor(
    private readonly thread: LabelThread,
    private readonly options: DeskOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get where(): string {
    return this.thread.where;
  }

  /** Reads the thread; one that stopped between steps (a crash) is continued to its next question. */
  async start(): Promise<ThreadView> {
    const view = await this.thread.read();
    this.applyView(view, []);
    if (view.phase === "unfinished") this.send(true);
    return view;
  }

  /** The questions for `annotator` (handing out new ones up to their share), and the progress. */
  work(annotator: string): WorkView {
    const now = this.now();
    this.person(annotator).lastSeen = now;
    this.expireHolds(now);
    const mine = this.questions.filter((q) => q.phase === "open" && q.assigned.has(annotator));
    for (const q of mine) q.assigned.set(annotator, now + this.options.leaseMs);
    let items = mine.reduce((sum, q) => sum + q.request.items.length, 0);
    // Questions someone has answered already come first: they hold the thread's round back.
    const free = this.questions
      .filter((q) => q.phase === "open" && !q.assigned.has(annotator) && !q.votes.some((v) => v.annotator === annotator) && this.openSlots(q) > 0)
      .sort((a, b) => Number(b.votes.length > 0) - Number(a.votes.length > 0));
    for (const q of free) {
      if (items >= this.options.itemsPerPerson) break;
      q.assigned.set(annotator, now + this.options.leaseMs);
      mine.push(q);
      items += q.request.items.length;
    }
    this.refreshIfIdle(now);
    const order = new Map(this.questions.map((q, i) => [q, i]));
    mine.sort((a, b) => order.get(a)! - order.get(b)!);
    return this.workView(annotator, mine);
  }

  /**
   * Takes a person's answers, `{ [interruptId]: { [itemId]: answer } }`. An answer to a question
   * asked of one person goes to the thread as it is (with the person's name), where askHuman checks
   * it; a vote on a question asked of two is checked now with the same check (it is kept until the
   * other answer comes). Answers to questions that are not theirs, gone, or answered are refused.
   */
  submit(annotator: string, answers: Record<string, Record<string, unknown>>): AnswersResponse {
    const now = this.now();
    this.person(annotator).lastSeen = now;
    const refused: Refusal[] = [];
    let queued = 0;
    let held = 0;
    for (const [interruptId, raw] of Object.entries(answers)) {
      const refuse = (why: string) => refused.push(this.refuse(annotator, Object.keys(raw), why.startsWith("answer refused") ? why : `answer refused, nothing applied: ${why}`));
      const q = this.questions.find((question) => question.ids.has(interruptId));
      if (!q) {
        refuse(`question ${interruptId} is not waiting for an answer (it was answered, or the thread has moved on)`);
        continue;
      }
      if (q.phase !== "open") {
        refuse(`question ${interruptId} is answered already; its answer is on its way to the thread`);
        continue;
      }
      if (q.votes.some((vote) => vote.annotator === annotator)) {
        refuse(`you answered question ${interruptId} already`);
        continue;
      }
      if (!q.assigned.has(annotator) && this.openSlots(q) <= 0) {
        refuse(`question ${interruptId} is with another person now`);
        continue;
      }
      q.assigned.delete(annotator);
      if (!q.overlapped) {
        q.answer = Object.fromEntries(Object.entries(raw).map(([itemId, value]) => [itemId, signed(value, annotator)]));
        q.answeredBy = [annotator];
        q.phase = "ready";
        queued++;
        continue;
      }
      const checked = checkHumanAnswer(raw, q.request.items, q.request.labels);
      const missing = q.request.items.filter((item) => !(item.id in raw)).map((item) => `"${item.id}"`);
      if (!checked.ok || missing.length > 0) {
        refuse(checked.ok ? `this question is put to two people, so each of its items needs an answer (${missing.join(", ")} missing)` : checked.error);
        q.assigned.set(annotator, now + this.options.leaseMs);
        continue;
      }
      const votes = new Map<string, ItemVote>();
      for (const { id, label, comment } of checked.answer.labels) votes.set(id, { label, ...(comment ? { comment } : {}) });
      for (const { id, comment } of checked.answer.skipped) votes.set(id, { label: null, ...(comment ? { comment } : {}) });
      q.votes.push({ annotator, answers: votes });
      if (this.settleQuestion(q)) queued++;
      else held++;
    }
    if (queued > 0) this.send(false);
    return { queued, held, refused };
  }

  /** Whether a resume of the thread is under way. */
  get busy(): boolean {
    return this.sending !== null;
  }

  /** Resolves once no answer is on its way to the thread. */
  async idle(): Promise<void> {
    while (this.sending) await this.sending;
  }

  /** Votes kept for items that still wait on another person: lost if the page's server stops. */
  heldVotes(): number {
    return this.questions.filter((q) => q.phase === "open").reduce((sum, q) => sum + q.votes.length, 0);
  }

  private person(annotator: string): Person {
    let person = this.people.get(annotator);
    if (!person) this.people.set(annotator, (person = { lastSeen: this.now(), applied: 0, refusals: [] }));
    return person;
  }

  private refuse(annotator: string, itemIds: readonly string[], error: string): Refusal {
    const refusal = { id: ++this.refusalCount, itemIds: [...itemIds], error };
    const person = this.person(annotator);
    person.refusals = [...person.refusals, refusal].slice(-REFUSALS_KEPT);
    this.options.log?.(`${annotator}: ${error}`);
    return refusal;
  }

  private expireHolds(now: number): void {
    for (const q of this.questions) for (const [annotator, until] of q.assigned) if (until < now) q.assigned.delete(annotator);
  }

  /** Answers a question still wants: one, or two (three for a disagreement settled by a third person). */
  private votesWanted(q: Question): number {
    if (!q.overlapped) return 1;
    let wanted = q.votes.length;
    for (const item of q.request.items) {
      const result = settle(this.itemVotes(q, item.id), this.options.settle, item.suggestion?.label);
      if (!result.done) wanted = Math.max(wanted, result.votesNeeded);
    }
    return wanted;
  }

  private openSlots(q: Question): number {
    return this.votesWanted(q) - q.votes.length - q.assigned.size;
  }

  private itemVotes(q: Question, itemId: string): Vote[] {
    return q.votes.map((vote) => ({ annotator: vote.annotator, label: vote.answers.get(itemId)?.label ?? null }));
  }

  /** When every item's votes settle, the question's answer is ready: the settled label, with every vote and how it was settled. */
  private settleQuestion(q: Question): boolean {
    const answer: Record<string, unknown> = {};
    for (const item of q.request.items) {
      const votes = this.itemVotes(q, item.id);
      const result = settle(votes, this.options.settle, item.suggestion?.label);
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

  /**
   * Sends the ready answers to the thread, one resume at a time (answers that come meanwhile go in
   * the next); `proceed` continues a thread that stopped between steps when nothing is ready.
   */
  private send(proceed: boolean): void {
    if (this.sending) return;
    this.sending = (async () => {
      let first = true;
      for (;;) {
        const batch = this.questions.filter((q) => q.phase === "ready");
        if (batch.length === 0 && !(first && proceed)) break;
        first = false;
        for (const q of batch) q.phase = "sending";
        const answers = batch.length > 0 ? Object.fromEntries(batch.map((q) => [q.interruptId, q.answer])) : null;
        try {
          const view = await this.thread.resume(answers);
          this.failure = null;
          this.applyView(view, batch, null);
        } catch (error) {
          this.failure = (error as Error).message;
          this.options.log?.(`the thread could not be resumed: ${this.failure}`);
          const view = await this.thread.read().catch(() => null);
          // What the checkpoint kept was applied; the rest goes back to the people who answered.
          if (view) this.applyView(view, batch, this.failure);
          else for (const q of batch) this.reopen(q, `not applied: the thread could not be resumed (${this.failure}); answer again`);
          break;
        }
      }
    })().finally(() => (this.sending = null));
  }

  private refreshIfIdle(now: number): void {
    if (this.sending || this.refreshing || now - this.lastRead < REFRESH_MS) return;
    this.refreshing = true;
    this.thread
      .read()
      .then((view) => this.sending || this.applyView(view, []))
      .catch((error: Error) => (this.failure = error.message))
      .finally(() => (this.refreshing = false));
  }

  private reopen(q: Question, error: string): void {
    for (const annotator of q.answeredBy) {
      this.refuse(annotator, q.request.items.map((item) => item.id), error);
      q.assigned.set(annotator, this.now() + this.options.leaseMs);
    }
    q.votes = [];
    q.answer = null;
    q.answeredBy = [];
    q.phase = "open";
  }

  /**
   * Takes a fresh view of the thread. A question just sent that the thread asks again was refused
   * (its `error` says why, nothing of it was applied); one that is gone was applied. Questions the
   * thread no longer asks, and no one sent, were answered elsewhere: votes on them are void.
   */
  private applyView(view: ThreadView, sent: readonly Question[], failure: string | null = null): void {
    const asked = new Map(view.questions.map((question) => [keyOf(question.request), question]));
    let applied = 0;
    const from = new Set<string>();
    for (const q of sent) {
      const again = asked.get(q.key);
      if (again) {
        const why = failure ? `not applied: the thread could not be resumed (${failure}); answer again` : (again.request.error ?? "answer refused, nothing applied: the thread asked again");
        this.reopen(q, why);
      } else {
        const items = Object.keys(q.answer ?? {}).length;
        applied += items;
        for (const annotator of q.answeredBy) {
          this.person(annotator).applied += items;
          from.add(annotator);
        }
      }
    }
    if (applied > 0) this.options.log?.(`applied ${applied} answer(s) from ${[...from].join(", ")}; round ${view.round}, ${view.phase}`);
    const known = new Map(this.questions.map((q) => [q.key, q]));
    const next: Question[] = [];
    for (const { interruptId, request } of view.questions) {
      const key = keyOf(request);
      const q = known.get(key);
      known.delete(key);
      if (q) {
        q.interruptId = interruptId;
        q.ids.add(interruptId);
        q.request = request;
        next.push(q);
      } else {
        next.push({
          key,
          ids: new Set([interruptId]),
          interruptId,
          request,
          overlapped: hashString(`${this.options.seed ?? 0}/overlap/${key}`) / 2 ** 32 < this.options.overlap,
          assigned: new Map(),
          votes: [],
          phase: "open",
          answer: null,
          answeredBy: [],
        });
      }
    }
    for (const q of known.values()) {
      if (sent.includes(q)) continue;
      const answered = new Set([...q.votes.map((vote) => vote.annotator), ...q.answeredBy]);
      for (const annotator of answered) this.refuse(annotator, q.request.items.map((item) => item.id), "not applied: the thread no longer asks this question (it was answered elsewhere, or the thread moved on)");
    }
    this.questions = next;
    this.view = view;
    this.lastRead = this.now();
  }

  private workView(annotator: string, mine: readonly Question[]): WorkView {
    const view = this.view!;
    const now = this.now();
    const items = (qs: readonly Question[]) => qs.reduce((sum, q) => sum + q.request.items.length, 0);
    const person = this.person(annotator);
    const last = view.history.at(-1);
    return {
      thread: {
        where: this.thread.where,
        phase: this.sending ? "running" : view.phase,
        round: view.round,
        stopReason: view.stopReason,
        failure: this.failure,
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
        pendingItems: items(this.questions),
        awaitingAnotherPerson: items(this.questions.filter((q) => q.phase === "open" && q.votes.length > 0)),
        sending: items(this.questions.filter((q) => q.phase !== "open")),
        spentUsd: view.spentUsd,
        maxUsd: view.maxUsd,
        leftUsd: view.maxUsd === null ? null : Math.max(0, view.maxUsd - view.spentUsd),
        rounds: view.history.length,
        lastAccuracy: last?.accuracy ?? null,
      },
      agreement: { ...annotatorAgreement(view.labels, view.classes), overlap: this.options.overlap, settle: this.options.settle },
      people: [...this.people].map(([name, p]) => ({ annotator: name, active: now - p.lastSeen < this.options.leaseMs, applied: p.applied })),
    };
  }

  /** The thread as last read (for the learning curve). */
  get current(): ThreadView | null {
    return this.view;
  }
}

function keyOf(request: HumanRequest): string {
  return `${request.round}|${request.items.map((item) => item.id).join("|")}`;
}

/** A person's answer as the thread takes it, with their name; votes and settlements are the desk's to give. */
function signed(value: unknown, annotator: string): unknown {
  if (typeof value === "string") return { label: value, annotator };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const { votes: _votes, settledBy: _settledBy, ...answer } = value as Record<string, unknown>;
  return { ...answer, annotator };
}
