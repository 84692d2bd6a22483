import type { SftState, SftUpdate } from "../../graphs/activeSft/state.js";
import { sftConfigOf } from "../../runtime/config/sftConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { promptText } from "../../tools/instructions/instructionItem.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import type { SftExample } from "../../tools/sft/sftRecords.js";
import { sftPool } from "./sftPool.js";

/**
 * The simulated person of benchmarks writes the responses: the right answer (the gold label, as
 * "<label>."), or the response the prompt file gives, for a fee each. What it cannot answer is
 * recorded as failed.
 */
export const annotateOracle =
  (pools: PromptPools) =>
  async (state: SftState): Promise<SftUpdate> => {
    const config = sftConfigOf(state);
    const pool = await sftPool(pools, config);
    const fee = config.annotator.kind === "oracle" ? config.annotator.feeUsd : 0;
    const examples: SftExample[] = [];
    const failed: FailedItem[] = [];
    for (const id of state.toAnnotate) {
      const item = pool.item(id);
      const response = item.response ?? (item.answer ? `${item.answer}.` : null);
      if (response === null) failed.push({ id, round: state.round, annotator: "oracle", reason: "the prompt has no answer to write a response from" });
      else examples.push({ id, prompt: promptText(item), response, source: "oracle", costUsd: fee, round: state.round });
    }
    return {
      toAnnotate: [],
      examples,
      failed,
      ledger: examples.length > 0 ? [{ kind: "human", labels: examples.length, usd: examples.length * fee }] : [],
    };
  };
