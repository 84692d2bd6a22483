import type { LabelThread, ThreadView } from "./labelThread.js";
import type { AnswersResponse, Refusal, WorkView } from "./protocol.js";
import { keyOf, newQuestion, openSlots, type Question, recordVote, settleQuestion, signed, whyNotTaken } from "./question.js";
import type { SettleMode } from "./settle.js";
import { type Person, workView } from "./workView.js";

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
      .filter(
        (q) => q.phase === "open" && !q.assigned.has(annotator) && !q.votes.some((v) => v.annotator === annotator) && openSlots(q, this.options.settle) > 0,
      )
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
    return workView(
      {
        thread: this.thread,
        view: this.view!,
        questions: this.questions,
        people: this.people,
        sending: this.sending !== null,
        failure: this.failure,
        overlap: this.options.overlap,
        settle: this.options.settle,
        leaseMs: this.options.leaseMs,
        now,
      },
      annotator,
      mine,
    );
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
      const refuse = (why: string) =>
        refused.push(this.refuse(annotator, Object.keys(raw), why.startsWith("answer refused") ? why : `answer refused, nothing applied: ${why}`));
      const q = this.questions.find((question) => question.ids.has(interruptId));
      const refusal = whyNotTaken(q, annotator, interruptId, this.options.settle);
      if (!q || refusal) {
        refuse(refusal ?? `question ${interruptId} is not waiting for an answer (it was answered, or the thread has moved on)`);
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
      const fault = recordVote(q, annotator, raw);
      if (fault) {
        refuse(fault);
        q.assigned.set(annotator, now + this.options.leaseMs);
        continue;
      }
      if (settleQuestion(q, this.options.settle)) queued++;
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
      this.refuse(
        annotator,
        q.request.items.map((item) => item.id),
        error,
      );
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
        const why = failure
          ? `not applied: the thread could not be resumed (${failure}); answer again`
          : (again.request.error ?? "answer refused, nothing applied: the thread asked again");
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
      } else next.push(newQuestion(interruptId, request, this.options.overlap, this.options.seed ?? 0));
    }
    for (const q of known.values()) {
      if (sent.includes(q)) continue;
      const answered = new Set([...q.votes.map((vote) => vote.annotator), ...q.answeredBy]);
      for (const annotator of answered)
        this.refuse(
          annotator,
          q.request.items.map((item) => item.id),
          "not applied: the thread no longer asks this question (it was answered elsewhere, or the thread moved on)",
        );
    }
    this.questions = next;
    this.view = view;
    this.lastRead = this.now();
  }

  /** The thread as last read (for the learning curve). */
  get current(): ThreadView | null {
    return this.view;
  }
}
