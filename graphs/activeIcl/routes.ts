import type { Send } from "@langchain/langgraph";
import { humanRoute } from "../activeLearning/routes.js";
import type { IclState } from "./state.js";

/**
 * The conditional edges of active in-context learning: pure functions of the state, each
 * registered with its full destination list so LangGraph Studio draws every branch. Where the loop
 * goes on to train after annotation, this graph goes back to select: the labels are the
 * demonstrations, and the strategy may want more once it has seen them.
 */

/** People answer the queue (one askHuman task per chunk, as in the loop); with nobody left to ask, back to select. */
export function iclHumanRoute(state: IclState): Send[] | "select" {
  const next = humanRoute(state);
  return next === "train" ? "select" : next;
}
export const ICL_HUMAN_DESTINATIONS = ["askHuman", "select"] as const;

/** After select: the evaluation once the selection is over, else whoever labels the batch. */
export function iclSelectRoute(state: IclState): "evaluate" | "annotateOracle" | "annotateLLM" | ReturnType<typeof iclHumanRoute> {
  if (state.selected) return "evaluate";
  const kind = state.config?.annotator.kind;
  if (kind === "llm") return "annotateLLM";
  if (kind === "human") return iclHumanRoute(state);
  return "annotateOracle";
}
export const ICL_SELECT_DESTINATIONS = ["evaluate", "annotateOracle", "annotateLLM", ...ICL_HUMAN_DESTINATIONS] as const;

/** The LLM annotates in waves; then people review what it was unsure of, then back to select. */
export function iclAnnotateLLMRoute(state: IclState): "annotateLLM" | ReturnType<typeof iclHumanRoute> {
  return state.batch.length > 0 ? "annotateLLM" : iclHumanRoute(state);
}
export const ICL_ANNOTATE_LLM_DESTINATIONS = ["annotateLLM", ...ICL_HUMAN_DESTINATIONS] as const;

/** The evaluation runs in waves until every test input has an answer, then the run is scored. */
export function iclEvaluateRoute(state: IclState): "evaluate" | "score" {
  return state.predictions.length < state.testItems.length ? "evaluate" : "score";
}
export const ICL_EVALUATE_DESTINATIONS = ["evaluate", "score"] as const;
