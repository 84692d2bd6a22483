import type { SftState, SftUpdate } from "../../graphs/activeSft/state.js";
import { labelsAffordable, remainingUsd } from "../../runtime/budget.js";
import { sftConfigOf } from "../../runtime/config/sftConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { promptText } from "../../tools/instructions/instructionItem.js";
import { modelKey } from "../../tools/llm/config.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import type { SftExample, SftHumanItem } from "../../tools/sft/sftRecords.js";
import { sftPool } from "./sftPool.js";

/**
 * Assign each pick its response's author. A prompt whose file gives a response keeps it. The
 * survey's self-training: a prompt the model is sure of (its samples agree at least
 * `minAgreement`, on a checkable answer, and the pair passes `minQuality` when set) keeps the
 * model's own response, with no person. The rest go to the annotator: people (with the model's
 * response as a suggestion), the oracle or a stronger LLM, as many as the budget pays for; with
 * no annotator they are left out.
 */
export const assign =
  (pools: PromptPools) =>
  async (state: SftState): Promise<SftUpdate> => {
    const config = sftConfigOf(state);
    const pool = await sftPool(pools, config);
    const responder = modelKey(config.responder.llm);
    const examples: SftExample[] = [];
    const unsure: string[] = [];
    for (const id of state.batch) {
      const item = pool.item(id);
      const scored = state.scored[id];
      const measured = scored ? { agreement: scored.agreement, ...(scored.quality !== undefined ? { quality: scored.quality } : {}) } : {};
      if (item.response) {
        examples.push({ id, prompt: promptText(item), response: item.response, source: "file", costUsd: 0, round: state.round, ...measured });
        continue;
      }
      const rule = config.selfTraining;
      const sure =
        rule !== null &&
        scored !== undefined &&
        (pool.classes.length === 0 || scored.answer !== null) &&
        scored.agreement >= rule.minAgreement &&
        (rule.minQuality === undefined || (scored.quality ?? 0) >= rule.minQuality);
      if (sure)
        examples.push({
          id,
          prompt: promptText(item),
          response: scored.response,
          source: "self-training",
          costUsd: 0,
          round: state.round,
          model: responder,
          ...measured,
        });
      else unsure.push(id);
    }
    const { annotator } = config;
    if (annotator.kind === "none") {
      const failed: FailedItem[] = unsure.map((id) => ({
        id,
        round: state.round,
        annotator: "self-training",
        reason: `the model was unsure (agreement ${state.scored[id]?.agreement.toFixed(2) ?? "unknown"}) and no annotator is set`,
      }));
      return { batch: [], examples, failed };
    }
    const fee = annotator.kind === "llm" ? 0 : annotator.feeUsd;
    const affordable = Math.min(unsure.length, labelsAffordable(remainingUsd(config, state.ledger), fee));
    const asked = unsure.slice(0, affordable);
    const update: SftUpdate = { batch: [], examples, ...(affordable < unsure.length ? { budgetRefused: true } : {}) };
    if (annotator.kind !== "human") return { ...update, toAnnotate: asked };
    const add: SftHumanItem[] = asked.map((id) => {
      const scored = state.scored[id];
      return {
        id,
        prompt: promptText(pool.item(id)),
        ...(scored ? { suggestion: { response: scored.response, agreement: scored.agreement, model: responder } } : {}),
      };
    });
    return { ...update, humanQueue: { add } };
  };
