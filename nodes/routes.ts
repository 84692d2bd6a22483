import { END } from "@langchain/langgraph";
import type { State } from "./state.js";

/**
 * The conditional edges of the loop: small pure functions of the state. Each is registered with
 * its full destination list so LangGraph Studio draws every branch.
 */

/**
 * Select from the pool, or generate new items: generation when the config asks for it and the pool
 * is used up, a class is under-represented among the labels, or the round falls in the
 * generation ratio.
 */
export function queryRoute(state: State): "select" | "generate" {
  const generation = state.config?.generation;
  if (!generation) return "select";
  if (state.unlabeled === 0 && generation.whenPoolExhausted) return "generate";
  if (generation.minClassShare > 0 && underRepresented(state, generation.minClassShare)) return "generate";
  const next = state.round + 1;
  if (generation.ratio > 0 && Math.floor(next * generation.ratio) > Math.floor((next - 1) * generation.ratio)) return "generate";
  return "select";
}
export const QUERY_DESTINATIONS = ["select", "generate"] as const;

/** Some class has less than `share` of its even part (1/K) of the labels. */
function underRepresented(state: State, share: number): boolean {
  if (state.labels.length === 0 || state.classes.length === 0) return false;
  const even = state.labels.length / state.classes.length;
  const counts = new Map(state.classes.map((label) => [label, 0]));
  for (const record of state.labels) counts.set(record.label, (counts.get(record.label) ?? 0) + 1);
  return [...counts.values()].some((count) => count < share * even);
}

/** Who labels the batch: the simulated gold oracle or an LLM (people join with the human-in-the-loop nodes). */
export function annotationRoute(state: State): "annotateOracle" | "annotateLLM" {
  return state.config?.annotator.kind === "llm" ? "annotateLLM" : "annotateOracle";
}
export const ANNOTATION_DESTINATIONS = ["annotateOracle", "annotateLLM"] as const;

/** After initialize: generate the initial set when asked to, else annotate the drawn batch. */
export function initialRoute(state: State): ReturnType<typeof annotationRoute> | "generate" {
  return state.config?.generation?.coldStart ? "generate" : annotationRoute(state);
}
export const INITIAL_DESTINATIONS = [...ANNOTATION_DESTINATIONS, "generate"] as const;

/** The LLM annotates in waves: back for the next wave while the batch has items, then train. */
export function annotateLLMRoute(state: State): "annotateLLM" | "train" {
  return state.batch.length > 0 ? "annotateLLM" : "train";
}
export const ANNOTATE_LLM_DESTINATIONS = ["annotateLLM", "train"] as const;

/** After evaluate: end the run when a stopping criterion fired, else query the next batch. */
export function stopRoute(state: State): ReturnType<typeof queryRoute> | typeof END {
  return state.stopReason ? END : queryRoute(state);
}
export const STOP_DESTINATIONS = [...QUERY_DESTINATIONS, END] as const;
