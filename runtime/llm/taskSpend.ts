import { randomUUID } from "node:crypto";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { LedgerEntry } from "../../tools/cost/ledger.js";
import { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import type { Payer } from "../../tools/llm/spendJournal.js";
import type { RunConfig } from "../config/runConfig.js";
import type { Services } from "../services.js";

/**
 * The task that pays for a node's calls: its thread and the top-level task of the graph step
 * (`annotateLLM:<task id>`; a committee member voting inside it is a part of it, `#<member>`).
 * LangGraph derives a task's id from the checkpoint it runs from, so a task re-run after a crash
 * finds what its killed attempts spent.
 */
export function taskPayer(nodeConfig: LangGraphRunnableConfig | undefined, part?: string): Payer {
  const configurable = nodeConfig?.configurable ?? {};
  const namespace = typeof configurable.checkpoint_ns === "string" && configurable.checkpoint_ns ? configurable.checkpoint_ns : `unscoped:${randomUUID()}`;
  const scope = namespace.split("|")[0];
  return { thread: String(configurable.thread_id ?? ""), scope: part === undefined ? scope : `${scope}#${part}` };
}

/**
 * The budget of a paying task: `availableUsd` (what the run may still spend, runtime/budget.ts,
 * or a member's share of it) less what earlier attempts of the task spent, read from the spend
 * journal; every call of the task is journaled before it is sent.
 */
export function taskBudget(
  services: Services,
  config: Pick<RunConfig, "llmCache">,
  availableUsd: number,
  nodeConfig: LangGraphRunnableConfig | undefined,
  part?: string,
): BudgetGuard {
  return new BudgetGuard(availableUsd, { journal: services.spendJournal(config), payer: taskPayer(nodeConfig, part) });
}

/**
 * The ledger entries of a task's LLM spend, read from the journal: every call of every attempt of
 * the task and of its parts (a call that was in flight when a process died counts at its worst
 * case), plus the cache hits no attempt paid for.
 */
export function bookedSpend(
  services: Services,
  config: Pick<RunConfig, "llmCache">,
  nodeConfig: LangGraphRunnableConfig | undefined,
  cachedCalls: ReadonlyMap<string, number> = new Map(),
): LedgerEntry[] {
  const spent = services.spendJournal(config).spent(taskPayer(nodeConfig));
  const models = new Set([...spent.keys(), ...cachedCalls.keys()]);
  return [...models].sort().map((model) => {
    const spend = spent.get(model) ?? { calls: 0, inputTokens: 0, outputTokens: 0, usd: 0, seconds: 0 };
    return { kind: "llm" as const, model, ...spend, cachedCalls: cachedCalls.get(model) ?? 0 };
  });
}

/** Cache hits per model in ledger entries (a committee's): the calls no attempt paid for. */
export function cachedCallsOf(entries: readonly LedgerEntry[]): Map<string, number> {
  const cached = new Map<string, number>();
  for (const entry of entries) if (entry.kind === "llm" && entry.cachedCalls > 0) cached.set(entry.model, (cached.get(entry.model) ?? 0) + entry.cachedCalls);
  return cached;
}
