/** One label as the harness compares them. */
export interface LabelRow {
  readonly id: string;
  readonly label: string;
  readonly round: number;
}

export interface LabelComparison {
  /** Labels that differ from the uninterrupted run's at the same position (id, label or round), or go beyond it. */
  readonly differing: number;
  /** Labels the uninterrupted run has and this one has not. */
  readonly short: number;
  /**
   * Budget-bound runs only: labels from the first round whose size the budget cut below the
   * uninterrupted run's. Calls in flight at a kill are paid (at their worst case) and made again,
   * so a resumed run has less money left than the uninterrupted one, and from that round on it
   * rightly chooses otherwise. Everything before that round must be identical.
   */
  readonly afterBudgetCut: number;
}

/** How a killed-and-resumed thread's labels compare with the uninterrupted run of the same seed. */
export function compareLabels(reference: readonly LabelRow[], resumed: readonly LabelRow[], budgetBound = false): LabelComparison {
  let end = Math.max(reference.length, resumed.length);
  if (budgetBound) {
    const sizes = (rows: readonly LabelRow[]) =>
      rows.reduce((counts, row) => counts.set(row.round, (counts.get(row.round) ?? 0) + 1), new Map<number, number>());
    const [a, b] = [sizes(reference), sizes(resumed)];
    const rounds = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
    const cut = rounds.find((round) => (b.get(round) ?? 0) < (a.get(round) ?? 0));
    if (cut !== undefined) end = resumed.findIndex((row) => row.round >= cut) === -1 ? resumed.length : resumed.findIndex((row) => row.round >= cut);
  }
  let differing = 0;
  for (let i = 0; i < Math.min(end, resumed.length); i++) {
    const a = reference[i];
    const b = resumed[i];
    if (!a || a.id !== b.id || a.label !== b.label || a.round !== b.round) differing++;
  }
  return { differing, short: Math.max(0, reference.length - resumed.length), afterBudgetCut: budgetBound ? Math.max(0, resumed.length - end) : 0 };
}

/** Labels that a checkpoint held after some kill and the final labels no longer hold (or hold with another label). */
export function lostLabels(checkpointed: ReadonlyMap<string, string>, final: readonly LabelRow[]): number {
  const now = new Map(final.map((row) => [row.id, row.label]));
  let lost = 0;
  for (const [id, label] of checkpointed) if (now.get(id) !== label) lost++;
  return lost;
}
