import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { IclState, IclUpdate, Prediction } from "../../graphs/activeIcl/state.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import { iclConfigOf } from "../../runtime/config/iclConfig.js";
import { iclRemainingUsd } from "../../runtime/icl/budget.js";
import { demonstrationsFor } from "../../runtime/icl/demonstrations.js";
import { inContextLearner } from "../../runtime/icl/learner.js";
import type { Services } from "../../runtime/services.js";
import { emptySpend } from "../../tools/cost/spend.js";
import { BudgetExhaustedError } from "../../tools/llm/budgetGuard.js";

/**
 * Evaluate: the learner classifies the next wave of test inputs, each with its demonstrations
 * (runtime/icl/demonstrations.ts). The node returns after each wave, so the wave's answers and
 * their cost are checkpointed before the next wave pays for anything. A reply that names no label
 * is recorded as a failure (and counts as wrong); so is an input the budget can no longer pay for,
 * which cannot happen unless an LLM annotator spent the evaluation's reserve.
 */
export const evaluateIcl =
  (services: Services) =>
  async (state: IclState, nodeConfig?: LangGraphRunnableConfig): Promise<IclUpdate> => {
    const started = performance.now();
    const config = iclConfigOf(state);
    const loop = runConfigOf(state);
    const workspace = await services.workspace(loop);
    const done = new Set(state.predictions.map((prediction) => prediction.test));
    const wave = state.testItems.filter((test) => !done.has(test)).slice(0, config.evaluation.wave);
    if (wave.length === 0) return {};
    const demonstrations = await demonstrationsFor(config, workspace, state.labels, wave);
    const spend = emptySpend();
    // Journaled before each call is sent: a wave re-run after a crash counts what its killed attempt spent.
    const guard = taskBudget(services, loop, iclRemainingUsd(config, state.ledger), nodeConfig);
    const learner = inContextLearner(services, config, loop, workspace, guard, spend);
    const test = workspace.test;
    if (!test) throw new Error(`${workspace.name} has no test split`);
    const predictions = await Promise.all(
      wave.map(async (position, i): Promise<Prediction> => {
        const shown = demonstrations[i];
        const base = { test: position, demonstrations: shown.map((d) => d.id) };
        try {
          const answer = await learner.classify(shown, test.texts[position]);
          if (!answer.ok) return { ...base, label: null, confidence: null, failure: answer.reason };
          return { ...base, label: answer.label, confidence: answer.probs[workspace.classes.indexOf(answer.label)] };
        } catch (error) {
          if (!(error instanceof BudgetExhaustedError)) throw error;
          return { ...base, label: null, confidence: null, failure: `budget: ${error.message}` };
        }
      }),
    );
    const ledger = bookedSpend(services, loop, nodeConfig, guard.cachedCalls());
    const failures = predictions.filter((prediction) => prediction.label === null).length;
    return {
      predictions,
      ledger,
      stageMs: { evaluate: performance.now() - started },
      counters: { evaluated: predictions.length, ...(failures > 0 ? { learnerFailures: failures } : {}) },
    };
  };
