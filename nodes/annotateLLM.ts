import { selectRows } from "../tools/linalg/csr.js";
import { mostSimilar } from "../tools/embed/similarity.js";
import { annotateWithLlm, type AnnotationOutcome } from "../tools/llm/annotator.js";
import { BudgetGuard } from "../tools/llm/budgetGuard.js";
import type { FailedItem, LabelRecord } from "../tools/labels/labelRecord.js";
import type { LedgerEntry } from "../tools/cost/ledger.js";
import { labelledTexts } from "./labelledTexts.js";
import { llmClientFor } from "./llmClients.js";
import { remainingUsd } from "./remainingUsd.js";
import { requireConfig } from "./requireConfig.js";
import { resolveRun } from "./runResources.js";
import type { State, Update } from "./state.js";

export const DEFAULT_INSTRUCTIONS = "Give each text the one label that fits it best.";

/**
 * Annotate with an LLM, one wave at a time: as many calls as the model may have in flight, each
 * with its items' nearest labelled examples as demonstrations (LLMaAA). The node returns after each
 * wave, so its labels are checkpointed before the next wave pays for anything; the loop comes back
 * while the batch has items. Items the LLM fails on are recorded and return to the pool; items the
 * budget cannot pay for end the round's annotation.
 */
export async function annotateLLM(state: State): Promise<Update> {
  const started = performance.now();
  const config = requireConfig(state);
  const annotator = config.annotator;
  if (annotator.kind !== "llm") throw new Error(`annotateLLM ran for a ${annotator.kind} annotator`);
  const run = await resolveRun(config);
  const client = llmClientFor(config, annotator.llm, run);

  const wave = state.batch.slice(0, annotator.itemsPerCall * annotator.llm.concurrency);
  const calls: string[][] = [];
  for (let i = 0; i < wave.length; i += annotator.itemsPerCall) calls.push(wave.slice(i, i + annotator.itemsPerCall));
  const demos = demonstrationsFor(state, run, calls, annotator.demonstrations);
  const guard = new BudgetGuard(remainingUsd(config, state.ledger));
  const settings = {
    instructions: config.task.description || DEFAULT_INSTRUCTIONS,
    labels: run.labels,
    labelDescriptions: config.task.labelDescriptions,
    confidence: annotator.confidence,
    samples: annotator.samples,
  };
  const outcomes: AnnotationOutcome[] = await Promise.all(
    calls.map((ids, c) =>
      annotateWithLlm(
        client,
        ids.map((id) => ({ id, text: run.pool.texts[run.pool.indexOf(id)] })),
        demos[c],
        settings,
        guard,
      ),
    ),
  );

  const labels: LabelRecord[] = [];
  const failed: FailedItem[] = [];
  const entry: LedgerEntry = { kind: "llm", model: client.key, calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, usd: 0 };
  let unpaid = 0;
  outcomes.forEach((outcome, c) => {
    const share = outcome.spend.usd / calls[c].length;
    for (const answer of outcome.answers) {
      labels.push({
        id: answer.id,
        label: answer.label,
        source: "llm",
        confidence: answer.confidence,
        costUsd: share,
        round: state.round,
        model: client.key,
        ...(answer.method ? { confidenceMethod: answer.method } : {}),
      });
    }
    for (const failure of outcome.failures) failed.push({ id: failure.id, round: state.round, annotator: client.key, reason: failure.reason });
    unpaid += outcome.unpaid.length;
    entry.calls += outcome.spend.calls;
    entry.cachedCalls += outcome.spend.cachedCalls;
    entry.inputTokens += outcome.spend.inputTokens;
    entry.outputTokens += outcome.spend.outputTokens;
    entry.usd += outcome.spend.usd;
  });
  return {
    labels,
    failed,
    // Once the budget refuses a call, the rest of the batch goes back to the pool unasked.
    batch: unpaid > 0 ? [] : state.batch.slice(wave.length),
    ledger: [entry],
    stageMs: { annotate: performance.now() - started },
    counters: { llmLabels: labels.length, llmFailures: failed.length, ...(unpaid > 0 ? { llmUnpaid: unpaid } : {}) },
  };
}

/** For each call, the labelled examples nearest its items, taken in turn from each item's list. */
function demonstrationsFor(state: State, run: Awaited<ReturnType<typeof resolveRun>>, calls: string[][], k: number): Array<Array<{ text: string; label: string }>> {
  if (k === 0 || state.labels.length === 0) return calls.map(() => []);
  const labelled = labelledTexts(state, run);
  const queries = selectRows(run.poolFeatures, calls.flat().map((id) => run.pool.indexOf(id)));
  const nearest = mostSimilar(queries, labelled.rows, k);
  let at = 0;
  return calls.map((ids) => {
    const lists = ids.map(() => nearest[at++]);
    const chosen: number[] = [];
    for (let rank = 0; chosen.length < k && rank < k; rank++) {
      for (const list of lists) if (list[rank] !== undefined && !chosen.includes(list[rank]) && chosen.length < k) chosen.push(list[rank]);
    }
    return chosen.map((index) => ({ text: labelled.items[index].text, label: labelled.items[index].label }));
  });
}
