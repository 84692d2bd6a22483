import { peopleTasks } from "../shared/peopleTasks.js";
import { END, type Send } from "@langchain/langgraph";
import type { SftPeopleTask } from "../../nodes/activeSft/askPeople.js";
import type { SftState } from "./state.js";

/**
 * The conditional edges of active SFT: small pure functions of the state, each registered with its
 * full destination list so LangGraph Studio draws every branch.
 */

/** After select: score the shortlist (or the picks) first, else assign the picks, else (nothing left to pick) measure and stop. */
export function afterSelect(state: SftState): "score" | "assign" | "evaluate" {
  if (state.pending.length > 0) return "score";
  return state.batch.length > 0 ? "assign" : "evaluate";
}
export const AFTER_SELECT = ["score", "assign", "evaluate"] as const;

/**
 * Scoring runs in waves (each checkpointed); then the picks are assigned, or select picks from the
 * scored shortlist. A call the budget refused ends the round.
 */
export function afterScore(state: SftState): "score" | "assign" | "select" | "evaluate" {
  if (state.budgetRefused) return "evaluate";
  if (state.pending.length > 0) return "score";
  return state.batch.length > 0 ? "assign" : "select";
}
export const AFTER_SCORE = ["score", "assign", "select", "evaluate"] as const;

/** Who writes the responses of the picks the model was unsure of: people (one Send per task), the oracle, an LLM; or nobody is left to ask. */
export function annotationRoute(state: SftState): Send[] | "annotateOracle" | "annotateLLM" | "evaluate" {
  if (state.humanQueue.length > 0) return peopleRoute(state);
  if (state.toAnnotate.length === 0) return "evaluate";
  return state.config?.annotator.kind === "llm" ? "annotateLLM" : "annotateOracle";
}
export const ANNOTATION_DESTINATIONS = ["askPeople", "annotateOracle", "annotateLLM", "evaluate"] as const;

/** The LLM writes in waves: back for the next while picks remain. */
export function afterAnnotateLLM(state: SftState): "annotateLLM" | "evaluate" {
  return state.toAnnotate.length > 0 ? "annotateLLM" : "evaluate";
}
export const AFTER_ANNOTATE_LLM = ["annotateLLM", "evaluate"] as const;

/** Fans the people's queue out as askPeople tasks of `itemsPerTask` prompts (Send); with nobody left to ask, on to evaluate. */
export function peopleRoute(state: SftState): Send[] | "evaluate" {
  if (state.humanQueue.length === 0) return "evaluate";
  const annotator = state.config?.annotator;
  const perTask = annotator?.kind === "human" ? annotator.itemsPerTask : 1;
  const feeUsd = annotator?.kind === "human" ? annotator.feeUsd : 0;
  return peopleTasks("askPeople", state.humanQueue, perTask, (items): SftPeopleTask => ({ round: state.round, feeUsd, items }));
}
export const PEOPLE_DESTINATIONS = ["askPeople", "evaluate"] as const;

/** After stop: end the run when a criterion fired, else choose the next round's examples. */
export function stopRoute(state: SftState): "select" | typeof END {
  return state.stopReason ? END : "select";
}
export const STOP_DESTINATIONS = ["select", END] as const;
