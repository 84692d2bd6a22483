import { END } from "@langchain/langgraph";
import type { State } from "./state.js";

/**
 * The conditional edges of the loop: small pure functions of the state. Each is registered with
 * its full destination list so LangGraph Studio draws every branch.
 */

/** Query by selection from the pool (generation joins when LLM roles land). */
export function queryRoute(_state: State): "select" {
  return "select";
}
export const QUERY_DESTINATIONS = ["select"] as const;

/** Who labels the batch: the simulated gold oracle (LLM and human annotators join later). */
export function annotationRoute(_state: State): "annotateOracle" {
  return "annotateOracle";
}
export const ANNOTATION_DESTINATIONS = ["annotateOracle"] as const;

/** After evaluate: end the run when a stopping criterion fired, else query the next batch. */
export function stopRoute(state: State): ReturnType<typeof queryRoute> | typeof END {
  return state.stopReason ? END : queryRoute(state);
}
export const STOP_DESTINATIONS = [...QUERY_DESTINATIONS, END] as const;
