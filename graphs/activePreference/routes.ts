import { peopleTasks } from "../shared/peopleTasks.js";
import { END, type Send } from "@langchain/langgraph";
import type { PreferencePeopleTask } from "../../nodes/activePreference/askPeople.js";
import type { PreferenceState } from "./state.js";

/**
 * The conditional edges of active preference: small pure functions of the state, each registered
 * with its full destination list so LangGraph Studio draws every branch.
 */

/** After initialize and each generation wave: write the next wave of candidates, else choose pairs; a refused call ends the run. */
export function afterGenerate(state: PreferenceState): "generate" | "select" | "evaluate" {
  if (state.budgetRefused) return "evaluate";
  return state.toGenerate.length > 0 ? "generate" : "select";
}
export const AFTER_GENERATE = ["generate", "select", "evaluate"] as const;

/** Who answers the round's comparisons: people (one Send per task), the oracle, the LLM judge; or nothing was chosen. */
export function annotationRoute(state: PreferenceState): Send[] | "annotateOracle" | "annotateLLM" | "evaluate" {
  if (state.humanQueue.length > 0) return peopleRoute(state);
  if (state.batch.length === 0) return "evaluate";
  return state.config?.annotator.kind === "llm" ? "annotateLLM" : "annotateOracle";
}
export const ANNOTATION_DESTINATIONS = ["askPeople", "annotateOracle", "annotateLLM", "evaluate"] as const;

/** The LLM judge answers in waves: back for the next while chosen pairs remain. */
export function afterAnnotateLLM(state: PreferenceState): "annotateLLM" | "evaluate" {
  return state.batch.length > 0 && !state.budgetRefused ? "annotateLLM" : "evaluate";
}
export const AFTER_ANNOTATE_LLM = ["annotateLLM", "evaluate"] as const;

/** Fans the people's queue out as askPeople tasks of `itemsPerTask` comparisons (Send); with nobody left to ask, on to evaluate. */
export function peopleRoute(state: PreferenceState): Send[] | "evaluate" {
  if (state.humanQueue.length === 0) return "evaluate";
  const annotator = state.config?.annotator;
  const perTask = annotator?.kind === "human" ? annotator.itemsPerTask : 1;
  const feeUsd = annotator?.kind === "human" ? annotator.feeUsd : 0;
  return peopleTasks("askPeople", state.humanQueue, perTask, (items): PreferencePeopleTask => ({ round: state.round, feeUsd, items }));
}
export const PEOPLE_DESTINATIONS = ["askPeople", "evaluate"] as const;

/** After stop: end the run when a criterion fired, else choose the next round's pairs. */
export function stopRoute(state: PreferenceState): "select" | typeof END {
  return state.stopReason ? END : "select";
}
export const STOP_DESTINATIONS = ["select", END] as const;
