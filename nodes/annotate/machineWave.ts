import type { HumanItem } from "../../tools/annotators/humanAnswer.js";
import type { LedgerEntry } from "../../tools/cost/ledger.js";
import type { FailedItem, LabelRecord } from "../../tools/labels/labelRecord.js";
import type { Update } from "../../graphs/activeLearning/state.js";

/**
 * What a wave of machine annotation (LLM or committee) writes: its labels and failures, the items
 * review sent to people, what it cost, and what is left of the batch. Once the budget refuses a
 * call, the rest of the batch goes back to the pool unasked.
 */
export function annotationUpdate(wave: {
  labels: LabelRecord[];
  failed: FailedItem[];
  toHumans: HumanItem[];
  unpaid: number;
  rest: string[];
  ledger: LedgerEntry[];
  startedMs: number;
}): Update {
  return {
    labels: wave.labels,
    failed: wave.failed,
    batch: wave.unpaid > 0 ? [] : wave.rest,
    ...(wave.toHumans.length > 0 ? { humanQueue: { add: wave.toHumans } } : {}),
    ledger: wave.ledger,
    stageMs: { annotate: performance.now() - wave.startedMs },
    counters: {
      llmLabels: wave.labels.length,
      llmFailures: wave.failed.length,
      ...(wave.toHumans.length > 0 ? { sentToHumans: wave.toHumans.length } : {}),
      ...(wave.unpaid > 0 ? { llmUnpaid: wave.unpaid } : {}),
    },
  };
}
