import { USD_EPSILON } from "../cost/ledger.js";
import type { JournalCall, Payer, SpendJournal } from "./spendJournal.js";

export class BudgetExhaustedError extends Error {
  override readonly name = "BudgetExhaustedError";
}

/** A call on its way: settle it with what came of it, exactly once. */
export interface PaidAttempt {
  billed(usage: { usd: number; inputTokens: number; outputTokens: number; seconds?: number }): void;
  /** No reply, but the provider may have billed it: counted at its worst case. */
  lost(): void;
  /** Refused by the provider (an error status): not billed. */
  refused(): void;
}

/** What earlier attempts of the task paid for one prompt. */
export interface PriorSpend {
  readonly calls: number;
  readonly usd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * Money a task may still commit. Each call reserves its worst case before it is sent and settles
 * its actual cost after, so concurrent calls together can never spend past the budget.
 *
 * With a spend journal, the guard is where money survives a crash: every call is recorded there
 * before it is sent and settled when it returns, and the guard starts from what the same task's
 * earlier attempts (killed before their results were checkpointed) spent: their billed calls at
 * their cost, calls left open or lost at their worst case. What the ledger has booked plus what
 * the journal holds for the running task is all the provider can have billed, so keeping the sum
 * within the budget keeps the bill within it, across any number of kills.
 */
export class BudgetGuard {
  private committed = 0;
  private readonly prior: JournalCall[];
  private readonly claimed = new Set<number>();
  private readonly cached = new Map<string, number>();

  constructor(
    private readonly availableUsd: number,
    private readonly journal?: { readonly journal: SpendJournal; readonly payer: Payer },
  ) {
    this.prior = journal ? journal.journal.calls(journal.payer) : [];
    this.committed = this.prior.reduce((sum, call) => sum + call.usd, 0);
  }

  /** What is left to commit. */
  get leftUsd(): number {
    return this.availableUsd - this.committed;
  }

  /** Reserves `usd` or throws BudgetExhaustedError; returns a function to settle the actual cost. */
  reserve(usd: number): (actualUsd: number) => void {
    if (this.committed + usd > this.availableUsd + USD_EPSILON) {
      throw new BudgetExhaustedError(`a call may cost up to $${usd.toFixed(4)} but only $${Math.max(0, this.leftUsd).toFixed(4)} is left`);
    }
    this.committed += usd;
    let settled = false;
    return (actualUsd: number) => {
      if (settled) return;
      settled = true;
      this.committed += actualUsd - usd;
    };
  }

  /**
   * Reserves a call's worst case and, with a journal, records the call durably: both before it is
   * sent. Throws BudgetExhaustedError when the budget cannot pay for it.
   */
  open(key: string, model: string, worstUsd: number): PaidAttempt {
    const settle = this.reserve(worstUsd);
    const id = this.journal?.journal.open(this.journal.payer, { key, model, reservedUsd: worstUsd });
    let done = false;
    const finish = (usd: number, record: () => void) => {
      if (done) return;
      done = true;
      if (id !== undefined) record();
      settle(usd);
    };
    const journal = this.journal?.journal;
    return {
      billed: (usage) => finish(usage.usd, () => journal!.settle(id!, { state: "billed", ...usage })),
      lost: () => finish(worstUsd, () => journal!.settle(id!, { state: "lost" })),
      refused: () => finish(0, () => journal!.settle(id!, { state: "refused" })),
    };
  }

  /**
   * What earlier attempts of this task paid for the prompt `key`, each call claimed once: a reply
   * replayed from the response cache keeps that cost, and a call cut off by a crash and made again
   * carries the lost one's too.
   */
  claimPrior(key: string): PriorSpend | null {
    const calls = this.prior.filter((call) => call.key === key && call.state !== "refused" && !this.claimed.has(call.id));
    if (calls.length === 0) return null;
    for (const call of calls) this.claimed.add(call.id);
    return {
      calls: calls.length,
      usd: calls.reduce((sum, call) => sum + call.usd, 0),
      inputTokens: calls.reduce((sum, call) => sum + call.inputTokens, 0),
      outputTokens: calls.reduce((sum, call) => sum + call.outputTokens, 0),
    };
  }

  /** Counts a call answered from the response cache that no attempt of this task paid for. */
  countCached(model: string): void {
    this.cached.set(model, (this.cached.get(model) ?? 0) + 1);
  }

  /** Cache hits that cost nothing, per model. */
  cachedCalls(): ReadonlyMap<string, number> {
    return this.cached;
  }

  static unlimited(): BudgetGuard {
    return new BudgetGuard(Number.POSITIVE_INFINITY);
  }
}
