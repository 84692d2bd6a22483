import type { LedgerEntry } from "../../tools/cost/ledger.js";
import { mostSimilar } from "../../tools/embed/similarity.js";
import type { HumanItem } from "../../tools/annotators/humanAnswer.js";
import { reviewDecision } from "../../tools/annotators/review.js";
import type { FailedItem, LabelRecord } from "../../tools/labels/labelRecord.js";
import { selectRows } from "../../tools/linalg/csr.js";
import { annotateWithLlm, type AnnotatorSettings, type LlmAnswer, type Spend } from "../../tools/llm/annotator.js";
import { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import type { LlmClient } from "../../tools/llm/llmClient.js";
import { verifyLabels } from "../../tools/llm/verifier.js";
import { annotationUpdate } from "./machineWave.js";
import { labelledTexts } from "../../runtime/workspace/labeledTexts.js";
import { llmClientFor } from "../../runtime/llm/clients.js";
import { remainingUsd } from "../../runtime/remainingUsd.js";
import { requireConfig } from "../../runtime/config/configOf.js";
import { resolveRun, type RunResources } from "../../runtime/workspace/workspace.js";
import type { State, Update } from "../../graphs/activeLearning/state.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";

interface Answered extends LlmAnswer {
  readonly model: string;
  readonly costUsd: number;
}

/**
 * Annotate with an LLM, one wave at a time: as many calls as the model may have in flight, each
 * with its items' nearest labelled examples as demonstrations (LLMaAA). Answers the LLM is unsure
 * of go to a stronger LLM when a cascade is set (NoiseAL); with review set, a verifier may check
 * the confident ones, and people get the rest (hybrid routing). The node returns after each wave,
 * so the wave's labels are checkpointed before the next wave pays for anything (answers already
 * paid for are in the response cache, should the wave be cut short). Items the LLM fails on are
 * recorded, and go to people or back to the pool; items the budget cannot pay for end the round.
 */
export async function annotateLLM(state: State): Promise<Update> {
  const started = performance.now();
  const config = requireConfig(state);
  const annotator = config.annotator;
  if (annotator.kind !== "llm") throw new Error(`annotateLLM ran for a ${annotator.kind} annotator`);
  const run = await resolveRun(config);
  const primary = llmClientFor(config, annotator.llm, run);
  const guard = new BudgetGuard(remainingUsd(config, state.ledger));
  const settings: AnnotatorSettings = {
    instructions: taskInstructions(config),
    labels: run.labels,
    labelDescriptions: config.task.labelDescriptions,
    confidence: annotator.confidence,
    samples: annotator.samples,
    chainOfThought: annotator.chainOfThought,
  };
  const spends = new Map<LlmClient, Spend>();
  const textOf = (id: string) => run.pool.texts[run.pool.indexOf(id)];
  const ask = async (client: LlmClient, ids: readonly string[]) => {
    const calls: string[][] = [];
    for (let i = 0; i < ids.length; i += annotator.itemsPerCall) calls.push(ids.slice(i, i + annotator.itemsPerCall));
    const demos = demonstrationsFor(state, run, calls, annotator.demonstrations);
    const outcomes = await Promise.all(calls.map((call, c) => annotateWithLlm(client, call.map((id) => ({ id, text: textOf(id) })), demos[c], settings, guard)));
    const spend = spends.get(client) ?? { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, usd: 0 };
    for (const outcome of outcomes) for (const key of Object.keys(spend) as Array<keyof Spend>) spend[key] += outcome.spend[key];
    spends.set(client, spend);
    return outcomes.map((outcome, c) => {
      const share = outcome.spend.usd / calls[c].length;
      return { answers: outcome.answers.map((answer) => ({ ...answer, model: client.key, costUsd: share })), failures: outcome.failures, unpaid: outcome.unpaid };
    });
  };

  const wave = state.batch.slice(0, annotator.itemsPerCall * annotator.llm.concurrency);
  const first = await ask(primary, wave);
  let answers: Answered[] = first.flatMap((outcome) => outcome.answers);
  const failures = first.flatMap((outcome) => outcome.failures);
  let unpaid = first.reduce((sum, outcome) => sum + outcome.unpaid.length, 0);

  if (annotator.escalation && answers.length > 0) {
    const { below } = annotator.escalation;
    const unsure = answers.filter((answer) => (answer.confidence ?? 0) < below).map((answer) => answer.id);
    if (unsure.length > 0) {
      const strong = await ask(llmClientFor(config, annotator.escalation.llm, run), unsure);
      const better = new Map(strong.flatMap((outcome) => outcome.answers).map((answer) => [answer.id, answer]));
      // Where the strong model gives no answer, the cheap one's stands.
      answers = answers.map((answer) => {
        const replaced = better.get(answer.id);
        return replaced ? { ...replaced, costUsd: replaced.costUsd + answer.costUsd } : answer;
      });
      unpaid += strong.reduce((sum, outcome) => sum + outcome.unpaid.length, 0);
    }
  }

  const review = annotator.review;
  let verdicts: Map<string, boolean | null> | null = null;
  if (review?.verifier && answers.length > 0) {
    const verifier = llmClientFor(config, review.verifier, run);
    const spend = spends.get(verifier) ?? { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, usd: 0 };
    spends.set(verifier, spend);
    const confident = answers.filter((answer) => (answer.confidence ?? 0) >= review.acceptAbove);
    verdicts = await verifyLabels(verifier, confident.map((answer) => ({ id: answer.id, text: textOf(answer.id), proposed: answer.label })), settings, guard, spend);
  }

  const labels: LabelRecord[] = [];
  const toHumans: HumanItem[] = [];
  for (const answer of answers) {
    const decision = review ? reviewDecision(review, answer, verdicts?.get(answer.id) ?? null, config.seed) : { kind: "accept" as const };
    if (decision.kind === "accept") {
      labels.push({
        id: answer.id,
        label: answer.label,
        source: "llm",
        confidence: answer.confidence,
        costUsd: answer.costUsd,
        round: state.round,
        model: answer.model,
        ...(answer.method ? { confidenceMethod: answer.method } : {}),
        ...(answer.rationale || state.queryNotes[answer.id]?.length ? { rationales: [...(state.queryNotes[answer.id] ?? []), ...(answer.rationale ? [answer.rationale] : [])] } : {}),
      });
    } else {
      toHumans.push({
        id: answer.id,
        text: textOf(answer.id),
        reason: decision.reason,
        ...(decision.showSuggestion ? { suggestion: { label: answer.label, confidence: answer.confidence, model: answer.model } } : {}),
      });
    }
  }
  const failed: FailedItem[] = failures.map((failure) => ({ id: failure.id, round: state.round, annotator: primary.key, reason: failure.reason }));
  if (review?.onFailure === "human") for (const failure of failures) toHumans.push({ id: failure.id, text: textOf(failure.id), reason: "llm-failed" });

  const ledger: LedgerEntry[] = [...spends.entries()].map(([client, spend]) => ({ kind: "llm", model: client.key, ...spend }));
  return annotationUpdate({ labels, failed, toHumans, unpaid, rest: state.batch.slice(wave.length), ledger, startedMs: started });
}

/** For each call, the labelled examples nearest its items, taken in turn from each item's list. */
function demonstrationsFor(state: State, run: RunResources, calls: string[][], k: number): Array<Array<{ text: string; label: string }>> {
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
