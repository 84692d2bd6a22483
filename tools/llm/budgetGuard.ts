import { USD_EPSILON } from "../cost/ledger.js";

export class BudgetExhaustedError extends Error {
  override readonly name = "BudgetExhaustedError";
}

/**
 * Money a node may still commit. Each call reserves its worst case before it is made and settles
 * the actual cost after, so concurrent calls together can never spend past the budget.
 */
export class BudgetGuard {
  private committed = 0;

  constructor(private readonly availableUsd: number) {}

  /** Reserves `usd` or throws BudgetExhaustedError; returns a function to settle the actual cost. */
  reserve(usd: number): (actualUsd: number) => void {
    if (this.committed + usd > this.availableUsd + USD_EPSILON) {
      throw new BudgetExhaustedError(`a call may cost up to $${usd.toFixed(4)} but only $${(this.availableUsd - this.committed).toFixed(4)} is left`);
    }
    this.committed += usd;
    let settled = false;
    return (actualUsd: number) => {
      if (settled) return;
      settled = true;
      this.committed += actualUsd - usd;
    };
  }

  static unlimited(): BudgetGuard {
    return new BudgetGuard(Number.POSITIVE_INFINITY);
  }
}
