import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { State, Update } from "../../graphs/activeLearning/state.js";
import { remainingUsd } from "../../runtime/budget.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { Services } from "../../runtime/services.js";
import { AUDIT_NOTE_PREFIX, BIAS_AUDIT_REASON } from "../../tools/biasAudit/config.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { labelWave } from "../../runtime/llm/labelWave.js";

/**
 * The audit's LLM relabels what the audit flagged, one wave at a time (as many calls as it may have
 * in flight), with no demonstrations: the labels nearest a flagged item are the suspect ones. A new
 * label is a new record (the old one is kept; models train on each item's latest), with the
 * pattern that sent it back among its rationales. The node returns after each wave, so the wave's
 * labels are checkpointed before the next is paid for; items the budget cannot pay for end it.
 */
export const relabelFlagged =
  (services: Services) =>
  async (state: State, nodeConfig?: LangGraphRunnableConfig): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    const audit = config.biasAudit;
    if (!audit) throw new Error("relabelFlagged ran without biasAudit in the run config");
    const workspace = await services.workspace(config);
    const client = services.llm(config, audit.llm, workspace);
    const guard = taskBudget(services, config, remainingUsd(config, state.ledger), nodeConfig);
    const last = state.audits.at(-1);
    const why = new Map((last?.flagged ?? []).map(({ id, pattern }) => [id, last!.patterns[pattern].description]));
    const wave = state.batch.slice(0, audit.itemsPerCall * audit.llm.concurrency);
    const calls: string[][] = [];
    for (let i = 0; i < wave.length; i += audit.itemsPerCall) calls.push(wave.slice(i, i + audit.itemsPerCall));
    const settings = {
      instructions: taskInstructions(config),
      labels: workspace.classes,
      labelDescriptions: config.task.labelDescriptions,
      confidence: "auto",
      samples: 5,
    } as const;
    const relabeled = await labelWave(client, workspace, calls, null, settings, guard, state.round, (id) => [
      `${AUDIT_NOTE_PREFIX}${why.get(id) ?? "flagged"}`,
    ]);
    const labels = relabeled.labels.map((label): LabelRecord => ({ ...label, reviewReason: BIAS_AUDIT_REASON }));
    const { failed, unpaid } = relabeled;
    const before = new Map(state.labels.map((record) => [record.id, record.label]));
    return {
      labels,
      failed,
      batch: unpaid > 0 ? [] : state.batch.slice(wave.length),
      ledger: bookedSpend(services, config, nodeConfig, guard.cachedCalls()),
      stageMs: { relabelFlagged: performance.now() - started },
      counters: { biasAuditRelabeled: labels.length, biasAuditChanged: labels.filter((label) => before.get(label.id) !== label.label).length },
    };
  };
