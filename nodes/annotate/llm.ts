import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { State, Update } from "../../graphs/activeLearning/state.js";
import { remainingUsd } from "../../runtime/budget.js";
import { annotationItemCost } from "../../runtime/costEstimate.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { Services } from "../../runtime/services.js";
import { demonstrationsIn } from "../../runtime/workspace/demonstrations.js";
import { roundStartPredictions } from "../../runtime/workspace/targetPredictions.js";
import { labeledTexts } from "../../runtime/workspace/labeledTexts.js";
import { addSpend, emptySpend, type Spend } from "../../tools/cost/spend.js";
import type { FailedItem } from "../../tools/labels/labelRecord.js";
import { annotateWithLlm, type AnnotatorSettings, type LlmAnswer } from "../../tools/llm/annotator.js";
import { belowConfidence, escalate } from "../../tools/llm/cascade.js";
import type { LlmClient } from "../../tools/llm/llmClient.js";
import { verifyLabels } from "../../tools/llm/verifier.js";
import { worthEscalating } from "../../tools/annotators/valueCascade.js";
import { DEFAULT_VALUE_ROUTE, valueDecisions } from "../../tools/annotators/valueRouter.js";
import { machineWaveUpdate, routeMachineAnswers, type MachineAnswer } from "./machineWave.js";

/**
 * Annotate with an LLM, one wave at a time: as many calls as the model may have in flight, each
 * with its items' nearest labeled examples as demonstrations (LLMaAA). Answers the LLM is unsure
 * of go to a stronger LLM when a cascade is set (NoiseAL); with review set, a verifier may check
 * the confident ones, and people get the rest (hybrid routing). The node returns after each wave,
 * so the wave's labels are checkpointed before the next wave pays for anything (answers already
 * paid for are in the response cache, should the wave be cut short). Items the LLM fails on are
 * recorded, and go to people or back to the pool; items the budget cannot pay for end the round.
 */
export const annotateLLM =
  (services: Services) =>
  async (state: State, nodeConfig?: LangGraphRunnableConfig): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    const annotator = config.annotator;
    if (annotator.kind !== "llm") throw new Error(`annotateLLM ran for a ${annotator.kind} annotator`);
    const workspace = await services.workspace(config);
    const guard = taskBudget(services, config, remainingUsd(config, state.ledger), nodeConfig);
    const settings: AnnotatorSettings = {
      instructions: taskInstructions(config),
      labels: workspace.classes,
      labelDescriptions: config.task.labelDescriptions,
      confidence: annotator.confidence,
      samples: annotator.samples,
      chainOfThought: annotator.chainOfThought,
      explanations: annotator.explanations,
    };
    const spends = new Map<LlmClient, Spend>();
    const spendOf = (client: LlmClient) => spends.get(client) ?? spends.set(client, emptySpend()).get(client)!;
    const labeled = labeledTexts(workspace, state.labels, state.generated);
    let unpaid = 0;
    const failed: FailedItem[] = [];
    const ask = async (client: LlmClient, ids: readonly string[]) => {
      const calls: string[][] = [];
      for (let i = 0; i < ids.length; i += annotator.itemsPerCall) calls.push(ids.slice(i, i + annotator.itemsPerCall));
      const demos = await demonstrationsIn(config.representation, workspace, labeled, calls, annotator.demonstrations);
      const outcomes = await Promise.all(
        calls.map((call, c) =>
          annotateWithLlm(
            client,
            call.map((id) => ({ id, text: workspace.textOf(id) })),
            demos[c],
            settings,
            guard,
          ),
        ),
      );
      for (const outcome of outcomes) addSpend(spendOf(client), outcome.spend);
      unpaid += outcomes.reduce((sum, outcome) => sum + outcome.unpaid.length, 0);
      return {
        answers: outcomes.flatMap((outcome, c) =>
          outcome.answers.map((answer) => ({ ...answer, model: client.key, costUsd: outcome.spend.usd / calls[c].length })),
        ),
        failures: outcomes.flatMap((outcome) => outcome.failures),
      };
    };

    const primary = services.llm(config, annotator.llm, workspace);
    const wave = state.batch.slice(0, annotator.itemsPerCall * annotator.llm.concurrency);
    const first = await ask(primary, wave);
    failed.push(...first.failures.map((failure) => ({ id: failure.id, round: state.round, annotator: primary.key, reason: failure.reason })));
    const { escalation } = annotator;
    const review = annotator.review;
    const valueReview = annotator.route === "value" ? review : undefined;
    const route = annotator.value ?? DEFAULT_VALUE_ROUTE;
    // Under the value route split by agreement, each cheap label carries whether the round's target model agrees.
    const predicted = valueReview && route.byAgreement ? await roundStartPredictions(config, workspace, state) : null;
    let answers: Array<(typeof first.answers)[number] & { targetAgrees?: boolean }> = predicted
      ? first.answers.map((answer) => {
          const prediction = predicted(answer.id);
          return prediction === undefined ? answer : { ...answer, targetAgrees: prediction === answer.label };
        })
      : first.answers;
    if (escalation) {
      const strong = services.llm(config, escalation.llm, workspace);
      // Under the value route the strong model is one more option, priced per item; else a threshold decides.
      const picked = valueReview
        ? worthEscalating(
            answers,
            state.calibration,
            route,
            { model: strong.key, costUsd: annotationItemCost(config, workspace, escalation.llm).expectedUsd, stated: state.stated[strong.key] },
            valueReview.humanFeeUsd,
            config.seed,
          )
        : null;
      answers = await escalate(
        answers,
        picked ? (answer) => picked.has(answer.id) : belowConfidence(escalation.below),
        async (ids) => (await ask(strong, ids)).answers,
      );
    }
    let verdicts: Map<string, boolean | null> | undefined;
    if (review?.verifier && answers.length > 0) {
      const verifier = services.llm(config, review.verifier, workspace);
      const confident = answers.filter((answer) => (answer.confidence ?? 0) >= review.acceptAbove);
      verdicts = await verifyLabels(
        verifier,
        confident.map((answer) => ({ id: answer.id, text: workspace.textOf(answer.id), proposed: answer.label })),
        settings,
        guard,
        spendOf(verifier),
      );
    }
    const machineAnswers = answers.map((answer) => machineAnswer(answer, state.queryNotes[answer.id] ?? []));
    const routed = routeMachineAnswers(machineAnswers, {
      review,
      seed: config.seed,
      round: state.round,
      textOf: (id) => workspace.textOf(id),
      verifierAgrees: verdicts,
      ...(valueReview ? { decisions: valueDecisions(machineAnswers, state.calibration, route, valueReview.humanFeeUsd, config.seed) } : {}),
    });
    if (review?.onFailure === "human")
      for (const failure of first.failures) routed.toHumans.push({ id: failure.id, text: workspace.textOf(failure.id), reason: "llm-failed" });

    // What the wave cost, as the spend journal has it: every attempt of this task, kills included.
    const ledger = bookedSpend(services, config, nodeConfig, guard.cachedCalls());
    // Under the value route, what each model stated, checked or not: what the cascade expects of the strong model's next answer.
    const stated = valueReview
      ? answers.flatMap((answer) => (answer.confidence === null ? [] : [{ annotator: answer.model, confidence: answer.confidence }]))
      : [];
    return {
      ...machineWaveUpdate({ ...routed, failed, unpaid, rest: state.batch.slice(wave.length), ledger, startedMs: started }),
      ...(stated.length > 0 ? { stated } : {}),
    };
  };

function machineAnswer(answer: LlmAnswer & { model: string; costUsd: number; targetAgrees?: boolean }, queryNotes: readonly string[]): MachineAnswer {
  return {
    ...(answer.targetAgrees === undefined ? {} : { targetAgrees: answer.targetAgrees }),
    id: answer.id,
    label: answer.label,
    confidence: answer.confidence,
    model: answer.model,
    costUsd: answer.costUsd,
    ...(answer.method ? { confidenceMethod: answer.method } : {}),
    rationales: [...queryNotes, ...(answer.rationale ? [answer.rationale] : [])],
  };
}
