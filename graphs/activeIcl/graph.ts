import { END, START, StateGraph, StateSchema, type BaseCheckpointSaver } from "@langchain/langgraph";
import { z } from "zod";
import { askHuman, collectAnswers, HumanTaskSchema } from "../../nodes/annotate/askHuman.js";
import { annotateLLM } from "../../nodes/annotate/llm.js";
import { annotateOracle } from "../../nodes/annotate/oracle.js";
import { evaluateIcl } from "../../nodes/activeIcl/evaluate.js";
import { initializeIcl } from "../../nodes/activeIcl/initialize.js";
import { scoreIcl } from "../../nodes/activeIcl/score.js";
import { selectIcl } from "../../nodes/activeIcl/select.js";
import type { IclConfigInput } from "../../runtime/config/iclConfig.js";
import { createServices, type Services } from "../../runtime/services.js";
import {
  ICL_ANNOTATE_LLM_DESTINATIONS,
  ICL_EVALUATE_DESTINATIONS,
  ICL_HUMAN_DESTINATIONS,
  ICL_SELECT_DESTINATIONS,
  iclAnnotateLLMRoute,
  iclEvaluateRoute,
  iclHumanRoute,
  iclSelectRoute,
} from "./routes.js";
import { ActiveIclState } from "./state.js";

/**
 * Active in-context learning (the survey's first paradigm): under a labeling budget, choose which
 * pool items to label and show an LLM as few-shot demonstrations; the target is its few-shot
 * accuracy on the test split.
 *
 *   START → initialize → select → iclSelectRoute → annotateOracle | annotateLLM | askHuman… | evaluate
 *   annotateOracle → select;  annotateLLM → annotateLLM (next wave) | askHuman… (review) | select
 *   askHuman → collectAnswers → askHuman… (items still pending) | select
 *   evaluate → evaluate (next wave of test inputs) | score → END
 *
 * The annotators are the loop's own nodes, unchanged: they read the run as the loop sees it
 * (`config`, written by initialize from the run's `icl` config).
 */
export function buildActiveIclGraph(services: Services = createServices()) {
  return new StateGraph(ActiveIclState, { context: IclContextSchema, input: ActiveIclInput })
    .addNode("initialize", initializeIcl(services))
    .addNode("select", selectIcl(services))
    .addNode("annotateOracle", annotateOracle(services))
    .addNode("annotateLLM", annotateLLM(services))
    .addNode("askHuman", askHuman, { input: HumanTaskSchema })
    .addNode("collectAnswers", collectAnswers)
    .addNode("evaluate", evaluateIcl(services))
    .addNode("score", scoreIcl(services))
    .addEdge(START, "initialize")
    .addEdge("initialize", "select")
    .addConditionalEdges("select", iclSelectRoute, [...ICL_SELECT_DESTINATIONS])
    .addEdge("annotateOracle", "select")
    .addConditionalEdges("annotateLLM", iclAnnotateLLMRoute, [...ICL_ANNOTATE_LLM_DESTINATIONS])
    .addEdge("askHuman", "collectAnswers")
    .addConditionalEdges("collectAnswers", iclHumanRoute, [...ICL_HUMAN_DESTINATIONS])
    .addConditionalEdges("evaluate", iclEvaluateRoute, [...ICL_EVALUATE_DESTINATIONS])
    .addEdge("score", END);
}

/** What a run is started with: its ICL config (or none, with the config as the run's context). */
const ActiveIclInput = new StateSchema({ icl: ActiveIclState.fields.icl });

/**
 * Any object: initialize validates it with parseIclConfig, which names every bad field in one
 * line (LangGraph would answer a bad context with a raw zod dump, and resumes carry none).
 */
const IclContextSchema = z.looseObject({}).describe("The ICL config (see IclConfigSchema), validated by initialize");

/** A few super-steps a label round and one a wave of test inputs; this allows thousands of each. */
export const ICL_RECURSION_LIMIT = 10_000;

/** Compiles the graph with a checkpointer (SqliteSaver, MemorySaver, PostgresSaver) for in-process runs. */
export function compileActiveIcl(checkpointer?: BaseCheckpointSaver, services?: Services) {
  return buildActiveIclGraph(services).compile({ checkpointer, name: "activeIcl" }).withConfig({ recursionLimit: ICL_RECURSION_LIMIT });
}

type ActiveIclGraph = ReturnType<typeof compileActiveIcl>;
export type IclGraphContext = NonNullable<Parameters<ActiveIclGraph["invoke"]>[1]>["context"];

/** An ICL config as the graph's runtime context. */
export function iclContext(config: IclConfigInput): IclGraphContext {
  return config as unknown as IclGraphContext;
}

/** For langgraph.json: no checkpointer, the LangGraph API server brings its own. */
export const graph = compileActiveIcl();
