import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { DistillState, DistillUpdate } from "../../graphs/activeDistillation/state.js";
import { distillConfigOf } from "../../runtime/config/distillConfig.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";
import type { Services } from "../../runtime/services.js";
import { demonstrationsFor } from "../../runtime/workspace/demonstrations.js";
import { labeledTexts } from "../../runtime/workspace/labeledTexts.js";
import { remainingUsd } from "../../runtime/budget.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import type { AnnotatorSettings } from "../../tools/llm/annotator.js";
import { labelWave } from "../../runtime/llm/labelWave.js";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import { teacherLabelsLeft } from "./teacherBudget.js";

/**
 * The teacher labels one wave of the batch: as many calls as it may have in flight, each with
 * `itemsPerCall` items and the k labeled examples nearest them as demonstrations (the loop's
 * LLMaAA annotator and its one demonstrations function). The demonstrations come from every label
 * so far, or, when FreeAL sends its noisy items back, from the student's clean set only. The node
 * returns after each wave, so a wave's labels are checkpointed before the next wave is paid for.
 * Every call goes into the ledger; items past the teacher-label or USD budget are not asked.
 */
export const askTeacher =
  (services: Services) =>
  async (state: DistillState, nodeConfig?: LangGraphRunnableConfig): Promise<DistillUpdate> => {
    const started = performance.now();
    const { config, loop } = distillConfigOf(state);
    const { teacher } = config;
    const workspace = await services.workspace(loop);
    const client = services.llm(loop, teacher.llm, workspace);
    // The spend journal holds every call before it is sent: a wave re-run after a crash knows what its killed attempt spent.
    const guard = taskBudget(services, loop, remainingUsd(loop, state.ledger), nodeConfig);
    const wave = state.batch.slice(0, Math.min(teacher.itemsPerCall * teacher.llm.concurrency, teacherLabelsLeft(config, state)));
    const current = latestLabels(state.labels);
    const cleanIds = new Set(state.clean);
    const demonstrationPool = state.demonstrationsFrom === "clean" ? current.filter((record) => cleanIds.has(record.id)) : current;
    const calls: string[][] = [];
    for (let i = 0; i < wave.length; i += teacher.itemsPerCall) calls.push(wave.slice(i, i + teacher.itemsPerCall));
    const demos = demonstrationsFor(workspace, labeledTexts(workspace, demonstrationPool, []), calls, teacher.demonstrations);
    const settings: AnnotatorSettings = {
      instructions: taskInstructions(loop),
      labels: workspace.classes,
      labelDescriptions: config.task.labelDescriptions,
      confidence: teacher.confidence,
      samples: teacher.samples,
      chainOfThought: teacher.chainOfThought,
    };
    const { labels, failed, unpaid } = await labelWave(client, workspace, calls, demos, settings, guard, state.round);
    const asked = wave.length - unpaid;
    const exhausted = unpaid > 0 || asked >= teacherLabelsLeft(config, state);
    return {
      labels,
      failed,
      ledger: bookedSpend(services, loop, nodeConfig, guard.cachedCalls()),
      teacherLabels: state.teacherLabels + asked,
      teacherSeconds: state.teacherSeconds + (performance.now() - started) / 1000,
      batch: exhausted ? [] : state.batch.slice(wave.length),
      ...(unpaid > 0 ? { budgetRefused: true } : {}),
    };
  };
