import type { DistillRound, DistillState, DistillUpdate } from "../../graphs/activeDistillation/state.js";
import { distillConfigOf } from "../../runtime/config/distillConfig.js";
import type { Services } from "../../runtime/services.js";
import { addSpend, emptySpend } from "../../tools/cost/spend.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { accuracy, macroF1 } from "../../tools/metrics/classification.js";

/**
 * Train and evaluate the student: fit the target model on each item's latest teacher label, score
 * it on the test split, and put a point on the distillation curve: student accuracy against what
 * the teacher has cost (items asked, calls, USD, tokens, seconds). The student is not checkpointed:
 * it is refitted from the label records wherever it is needed.
 */
export const trainStudent =
  (services: Services) =>
  async (state: DistillState): Promise<DistillUpdate> => {
    const { loop } = distillConfigOf(state);
    const workspace = await services.workspace(loop);
    const labels = latestLabels(state.labels);
    const { models } = workspace;
    let scores = { accuracy: null as number | null, macroF1: null as number | null };
    const testRows = await models.testRows(loop);
    if (workspace.test && testRows) {
      const predicted = await models.predict(loop, await models.target(loop, labels), testRows);
      scores = { accuracy: accuracy(workspace.test.truth, predicted), macroF1: macroF1(workspace.test.truth, predicted, workspace.classes.length) };
    }
    const spend = Object.values(state.ledger.llm).reduce((sum, model) => addSpend(sum, model), emptySpend());
    const point: DistillRound = {
      round: state.round,
      teacherLabels: state.teacherLabels,
      teacherCalls: spend.calls,
      usd: state.ledger.totalUsd,
      inputTokens: spend.inputTokens,
      outputTokens: spend.outputTokens,
      teacherSeconds: state.teacherSeconds,
      labeled: labels.length,
      ...scores,
      ...(state.round > 0 && state.demonstrationsFrom === "clean" ? relabeling(state) : {}),
    };
    return { history: [point] };
  };

/** What FreeAL's round did: the clean set's size, the items sent back, and the labels the teacher changed. */
function relabeling(state: DistillState): Pick<DistillRound, "clean" | "relabeled" | "changed"> {
  const before = latestLabels(state.labels.filter((record) => record.round < state.round));
  const previous = new Map(before.map((record) => [record.id, record.label]));
  const now = state.labels.filter((record) => record.round === state.round);
  return {
    clean: state.clean.length,
    relabeled: now.length,
    changed: now.filter((record) => previous.get(record.id) !== record.label).length,
  };
}
