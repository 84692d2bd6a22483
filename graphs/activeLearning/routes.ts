import { peopleTasks } from "../shared/peopleTasks.js";
import { END, type Send } from "@langchain/langgraph";
import type { HumanTask } from "../../nodes/annotate/askHuman.js";
import type { HumanItem } from "../../tools/annotators/humanAnswer.js";
import { BIAS_AUDIT_REASON } from "../../tools/biasAudit/config.js";
import { labelsPerClass } from "../../tools/labels/classCounts.js";
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
export function queryRoute(state: State): "select" | "generate" | "biasAudit" {
  if (biasAuditDue(state)) return "biasAudit";
  const generation = state.config?.generation;
  if (!generation) return "select";
  if (state.unlabeled === 0 && generation.whenPoolExhausted) return "generate";
  if (generation.minClassShare > 0 && underRepresented(state, generation.minClassShare)) return "generate";
  const next = state.round + 1;
  if (generation.ratio > 0 && Math.floor(next * generation.ratio) > Math.floor((next - 1) * generation.ratio)) return "generate";
  return "select";
}
export const QUERY_DESTINATIONS = ["select", "generate", "biasAudit"] as const;

/** A bias audit (CAL) takes the query step once `biasAudit.every` query rounds have passed since the last one (or the start), when there are labels to audit. */
function biasAuditDue(state: State): boolean {
  const audit = state.config?.biasAudit;
  if (!audit || state.labels.length === 0) return false;
  return state.round - (state.audits.at(-1)?.round ?? 0) >= audit.every;
}

/** After an audit: people relabel what it flagged, or its LLM does (in waves); with nothing flagged, on to train. */
export function biasAuditRoute(state: State): "relabelFlagged" | ReturnType<typeof humanRoute> {
  return state.batch.length > 0 ? "relabelFlagged" : humanRoute(state);
}
export const BIAS_AUDIT_DESTINATIONS = ["relabelFlagged", "askHuman", "train"] as const;

/** Some class has less than `share` of its even part (1/K) of the labels. */
function underRepresented(state: State, share: number): boolean {
  if (state.labels.length === 0 || state.classes.length === 0) return false;
  const even = state.labels.length / state.classes.length;
  return [...labelsPerClass(state.labels, state.classes).values()].some((count) => count < share * even);
}

/** Who labels the batch: the simulated gold oracle, an LLM, or people (one askHuman task per chunk). */
export function annotationRoute(state: State): "annotateOracle" | "annotateLLM" | "annotateCommittee" | ReturnType<typeof humanRoute> {
  const kind = state.config?.annotator.kind;
  if (kind === "llm") return "annotateLLM";
  if (kind === "committee") return "annotateCommittee";
  if (kind === "human") return humanRoute(state);
  return "annotateOracle";
}
export const ANNOTATION_DESTINATIONS = ["annotateOracle", "annotateLLM", "annotateCommittee", "askHuman", "train"] as const;

/**
 * Fans the human queue out as askHuman tasks (Send), each with `itemsPerTask` items, so several
 * people can answer at once; with nobody left to ask, on to train.
 */
export function humanRoute(state: State): Send[] | "train" {
  if (state.humanQueue.length === 0) return "train";
  const annotator = state.config?.annotator;
  const review = annotator?.kind === "llm" || annotator?.kind === "committee" ? annotator.review : undefined;
  const feeUsd = annotator?.kind === "human" ? annotator.feeUsd : (review?.humanFeeUsd ?? 0);
  const perTask = annotator?.kind === "human" ? annotator.itemsPerTask : (review?.itemsPerTask ?? 1);
  // Relabels a bias audit asks for are paid and grouped as its config says.
  const audit = state.config?.biasAudit;
  const taskOf =
    (fee: number) =>
    (items: HumanItem[]): HumanTask => ({ round: state.round, classes: state.classes, feeUsd: fee, items });
  return [
    ...peopleTasks(
      "askHuman",
      state.humanQueue.filter((item) => item.reason !== BIAS_AUDIT_REASON),
      perTask,
      taskOf(feeUsd),
    ),
    ...peopleTasks(
      "askHuman",
      state.humanQueue.filter((item) => item.reason === BIAS_AUDIT_REASON),
      audit?.itemsPerTask ?? perTask,
      taskOf(audit?.humanFeeUsd ?? feeUsd),
    ),
  ];
}
export const HUMAN_DESTINATIONS = ["askHuman", "train"] as const;

/** After initialize: generate the initial set when asked to, else annotate the drawn batch. */
export function initialRoute(state: State): ReturnType<typeof annotationRoute> | "generate" {
  return state.config?.generation?.coldStart ? "generate" : annotationRoute(state);
}
export const INITIAL_DESTINATIONS = [...ANNOTATION_DESTINATIONS, "generate"] as const;

/** The LLM annotates in waves: back for the next wave while the batch has items, then people review, then train. */
export function annotateLLMRoute(state: State): "annotateLLM" | ReturnType<typeof humanRoute> {
  return state.batch.length > 0 ? "annotateLLM" : humanRoute(state);
}
export const ANNOTATE_LLM_DESTINATIONS = ["annotateLLM", "askHuman", "train"] as const;

/** The committee annotates in waves too. */
export function annotateCommitteeRoute(state: State): "annotateCommittee" | ReturnType<typeof humanRoute> {
  return state.batch.length > 0 ? "annotateCommittee" : humanRoute(state);
}
export const ANNOTATE_COMMITTEE_DESTINATIONS = ["annotateCommittee", "askHuman", "train"] as const;

/** The audit's LLM relabels in waves, then train. */
export function relabelRoute(state: State): "relabelFlagged" | "train" {
  return state.batch.length > 0 ? "relabelFlagged" : "train";
}
export const RELABEL_DESTINATIONS = ["relabelFlagged", "train"] as const;

/** After stop: end the run when a stopping criterion fired, else query the next batch (or audit the labels). */
export function stopRoute(state: State): ReturnType<typeof queryRoute> | typeof END {
  return state.stopReason ? END : queryRoute(state);
}
export const STOP_DESTINATIONS = [...QUERY_DESTINATIONS, END] as const;
