import type { Backend, ThreadOutcome } from "./harness.js";

/** The figures the crash harness exists for, per backend and in total. */
export interface CrashTotals {
  readonly threads: number;
  readonly kills: number;
  readonly completed: number;
  readonly endedEarly: number;
  readonly lost: number;
  readonly differing: number;
  readonly shortByBudget: number;
  readonly afterBudgetCut: number;
  readonly requests: number;
  readonly billedCalls: number;
  readonly ledgerCalls: number;
  readonly billedUsd: number;
  readonly ledgerUsd: number;
  /** The largest amount any thread's provider billed over its maxUsd (negative: under it). */
  readonly worstOverspendUsd: number;
  readonly problems: number;
}

export function totals(outcomes: readonly ThreadOutcome[]): CrashTotals {
  const money = outcomes.flatMap((o) => (o.money ? [o.money] : []));
  const budgeted = money.filter((m) => Number.isFinite(m.maxUsd));
  return {
    threads: outcomes.length,
    kills: outcomes.reduce((sum, o) => sum + o.kills.length, 0),
    completed: outcomes.filter((o) => o.completed).length,
    endedEarly: outcomes.filter((o) => o.endedEarly).length,
    lost: outcomes.reduce((sum, o) => sum + o.lost, 0),
    differing: outcomes.reduce((sum, o) => sum + o.differing, 0),
    shortByBudget: outcomes.reduce((sum, o) => sum + o.shortByBudget, 0),
    afterBudgetCut: outcomes.reduce((sum, o) => sum + o.afterBudgetCut, 0),
    requests: money.reduce((sum, m) => sum + m.requests, 0),
    billedCalls: money.reduce((sum, m) => sum + m.billedCalls, 0),
    ledgerCalls: money.reduce((sum, m) => sum + m.ledgerCalls, 0),
    billedUsd: money.reduce((sum, m) => sum + m.billedUsd, 0),
    ledgerUsd: money.reduce((sum, m) => sum + m.ledgerUsd, 0),
    worstOverspendUsd: budgeted.length ? Math.max(...budgeted.map((m) => m.billedUsd - m.maxUsd)) : Number.NaN,
    problems: outcomes.reduce((sum, o) => sum + o.problems.length, 0),
  };
}

/** Every target of the harness met: nothing lost, nothing different, nothing ended early, every call counted, no budget overspent. */
export function targetsMet(t: CrashTotals): boolean {
  return (
    t.completed === t.threads &&
    t.endedEarly === 0 &&
    t.lost === 0 &&
    t.differing === 0 &&
    t.ledgerCalls >= t.billedCalls &&
    t.ledgerUsd >= t.billedUsd - 1e-12 &&
    !(t.worstOverspendUsd > 1e-12) &&
    t.problems === 0
  );
}

const usd = (value: number) => (Number.isFinite(value) ? `$${value.toFixed(5)}` : "–");

/** The report: one table row per backend and scenario, kills by stage, and whether the targets were met. */
export function crashReport(outcomes: readonly ThreadOutcome[], command: string): string {
  const lines: string[] = [`Crash harness: \`${command}\``, ""];
  lines.push(
    "| backend | scenario | threads | kills | completed | ended early | labels lost | labels differing | after a budget cut / short by budget | server requests / billed | ledger calls | billed USD | ledger USD | worst overspend vs maxUsd |",
  );
  lines.push("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const backends = [...new Set(outcomes.map((o) => o.backend))] as Backend[];
  for (const backend of backends) {
    const mine = outcomes.filter((o) => o.backend === backend);
    for (const scenario of [...new Set(mine.map((o) => o.scenario))]) lines.push(row(backend, scenario, totals(mine.filter((o) => o.scenario === scenario))));
    lines.push(row(backend, "**all**", totals(mine)));
  }
  lines.push("");
  const stages = new Map<string, number>();
  for (const outcome of outcomes)
    for (const kill of outcome.kills)
      stages.set(kill.stage.replace(/ \(mid;.*\)$/, " (mid)"), (stages.get(kill.stage.replace(/ \(mid;.*\)$/, " (mid)")) ?? 0) + 1);
  lines.push(
    `Kills by stage: ${[...stages.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([stage, n]) => `${stage} ${n}`)
      .join(", ")}.`,
  );
  const problems = outcomes.flatMap((o) => o.problems.map((p) => `${o.backend} ${o.thread}: ${p}`));
  if (problems.length) lines.push("", "Problems:", ...problems.map((p) => `- ${p}`));
  const all = totals(outcomes);
  lines.push(
    "",
    targetsMet(all)
      ? `Targets met: ${all.kills} kills, ${all.completed}/${all.threads} threads completed, 0 labels lost, 0 differing, 0 ended early, ledger ≥ billed (${all.ledgerCalls} ≥ ${all.billedCalls} calls, ${usd(all.ledgerUsd)} ≥ ${usd(all.billedUsd)}), billed ≤ budget (worst ${usd(all.worstOverspendUsd)}).`
      : "TARGETS MISSED (see the table and problems above).",
  );
  return lines.join("\n");
}

function row(backend: string, scenario: string, t: CrashTotals): string {
  const money = t.billedCalls + t.requests > 0;
  return `| ${backend} | ${scenario} | ${t.threads} | ${t.kills} | ${t.completed} | ${t.endedEarly} | ${t.lost} | ${t.differing} | ${t.afterBudgetCut + t.shortByBudget > 0 ? `${t.afterBudgetCut} / ${t.shortByBudget}` : "0"} | ${money ? `${t.requests} / ${t.billedCalls}` : "–"} | ${money ? t.ledgerCalls : "–"} | ${money ? usd(t.billedUsd) : "–"} | ${money ? usd(t.ledgerUsd) : "–"} | ${usd(t.worstOverspendUsd)} |`;
}
