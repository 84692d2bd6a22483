import { type BaseCheckpointSaver, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { askTeacher } from "../../nodes/activeDistillation/askTeacher.js";
import { initialize } from "../../nodes/activeDistillation/initialize.js";
import { select } from "../../nodes/activeDistillation/select.js";
import { smallLossFilter } from "../../nodes/activeDistillation/smallLossFilter.js";
import { stop } from "../../nodes/activeDistillation/stop.js";
import { trainStudent } from "../../nodes/activeDistillation/trainStudent.js";
import type { DistillConfigInput } from "../../runtime/config/distillConfig.js";
import { createServices, type Services } from "../../runtime/services.js";
import { STOP_DESTINATIONS, stopRoute, TEACHER_DESTINATIONS, teacherRoute } from "./routes.js";
import { DistillationState } from "./state.js";

/**
 * Active knowledge distillation and FreeAL: a teacher LLM labels, a student (the loop's target
 * model) learns from its labels and decides what the teacher does next. No person is asked.
 *
 *   START → initialize → askTeacher ⟲ waves → trainStudent → stop → stopRoute
 *   stopRoute → select (active: the student's query method picks a batch) → askTeacher
 *             → smallLossFilter (FreeAL: the student keeps its small-loss labels, the rest go back) → askTeacher
 *             → END
 *
 * `services` (workspaces, LLM clients) are the graph's own.
 */
export function buildDistillationGraph(services: Services = createServices()) {
  return new StateGraph(DistillationState, { context: DistillContextSchema, input: DistillationInput })
    .addNode("initialize", initialize(services))
    .addNode("askTeacher", askTeacher(services))
    .addNode("trainStudent", trainStudent(services))
    .addNode("stop", stop(services))
    .addNode("select", select(services))
    .addNode("smallLossFilter", smallLossFilter(services))
    .addEdge(START, "initialize")
    .addConditionalEdges("initialize", teacherRoute, [...TEACHER_DESTINATIONS])
    .addConditionalEdges("askTeacher", teacherRoute, [...TEACHER_DESTINATIONS])
    .addEdge("trainStudent", "stop")
    .addConditionalEdges("stop", stopRoute, [...STOP_DESTINATIONS])
    .addConditionalEdges("select", teacherRoute, [...TEACHER_DESTINATIONS])
    .addConditionalEdges("smallLossFilter", teacherRoute, [...TEACHER_DESTINATIONS]);
}

/** What a thread is started with: its config alone (Studio's input form shows just that). */
const DistillationInput = new StateSchema({ config: DistillationState.fields.config });

/** The config may come as the run's context; initialize validates it and names every bad field. */
const DistillContextSchema = z.looseObject({}).describe("The distillation config (see DistillConfigSchema), validated by initialize");

/** A wave a super-step, a few a round: this allows very long threads. */
export const RECURSION_LIMIT = 100_000;

/** Compiles distillation with a checkpointer (SqliteSaver, MemorySaver, PostgresSaver) for in-process runs. */
export function compileDistillation(checkpointer?: BaseCheckpointSaver, services?: Services) {
  return buildDistillationGraph(services).compile({ checkpointer, name: "activeDistillation" }).withConfig({ recursionLimit: RECURSION_LIMIT });
}

type DistillationGraph = ReturnType<typeof compileDistillation>;
export type DistillContext = NonNullable<Parameters<DistillationGraph["invoke"]>[1]>["context"];

/** A distillation config as the graph's runtime context. */
export function distillContext(config: DistillConfigInput): DistillContext {
  return config as unknown as DistillContext;
}

/** For langgraph.json: no checkpointer, the LangGraph API server brings its own. */
export const graph = compileDistillation();
