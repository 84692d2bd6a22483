import { END } from "@langchain/langgraph";
import type { DistillState } from "./state.js";

/**
 * The conditional edges of distillation: small pure functions of the state, each registered with
 * its destination list so LangGraph Studio draws every branch.
 */

/** The teacher works wave by wave: back for the next wave while the batch has items, then the student trains. */
export function teacherRoute(state: Pick<DistillState, "batch">): "askTeacher" | "trainStudent" {
  return state.batch.length > 0 ? "askTeacher" : "trainStudent";
}
export const TEACHER_DESTINATIONS = ["askTeacher", "trainStudent"] as const;

/** After stop: end when a reason was recorded; else the student queries (active) or filters the teacher's labels (FreeAL). */
export function stopRoute(state: Pick<DistillState, "stopReason" | "config">): "select" | "smallLossFilter" | typeof END {
  if (state.stopReason) return END;
  return state.config?.method === "freeal" ? "smallLossFilter" : "select";
}
export const STOP_DESTINATIONS = ["select", "smallLossFilter", END] as const;
