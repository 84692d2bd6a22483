import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { annotateOracle } from "../nodes/annotateOracle.js";
import { evaluate } from "../nodes/evaluate.js";
import { initialize } from "../nodes/initialize.js";
import { annotateLLM } from "../nodes/annotateLLM.js";
import { askHuman, collectAnswers, HumanTaskSchema } from "../nodes/askHuman.js";
import { generate } from "../nodes/generate.js";
import {
  ANNOTATE_LLM_DESTINATIONS,
  annotateLLMRoute,
  ANNOTATION_DESTINATIONS,
  annotationRoute,
  HUMAN_DESTINATIONS,
  humanRoute,
  INITIAL_DESTINATIONS,
  initialRoute,
  STOP_DESTINATIONS,
  stopRoute,
} from "../nodes/routes.js";
import { select } from "../nodes/select.js";
import { ActiveLearningState } from "../nodes/state.js";
import { train } from "../nodes/train.js";
import { RunConfigSchema, type RunConfig } from "../tools/runConfig.js";

/**
 * The active-learning loop: Initialize → Query → Annotate → Train → (evaluate) → Stop.
 *
 *   START → initialize → initialRoute → annotateOracle | annotateLLM | askHuman… | generate
 *   select → annotationRoute → annotateOracle | annotateLLM | askHuman (one Send per task)
 *   annotateLLM → annotateLLMRoute → annotateLLM (next wave) | askHuman… (review) | train
 *   askHuman → collectAnswers → humanRoute → askHuman… (items still pending) | train
 *   annotateOracle, generate → train → evaluate → stopRoute → select | generate | END
 */
export function buildActiveLearningGraph() {
  return new StateGraph(ActiveLearningState, { context: RunConfigSchema })
    .addNode("initialize", initialize)
    .addNode("select", select)
    .addNode("generate", generate)
    .addNode("annotateOracle", annotateOracle)
    .addNode("annotateLLM", annotateLLM)
    .addNode("askHuman", askHuman, { input: HumanTaskSchema })
    .addNode("collectAnswers", collectAnswers)
    .addNode("train", train)
    .addNode("evaluate", evaluate)
    .addEdge(START, "initialize")
    .addConditionalEdges("initialize", initialRoute, [...INITIAL_DESTINATIONS])
    .addConditionalEdges("select", annotationRoute, [...ANNOTATION_DESTINATIONS])
    .addConditionalEdges("annotateLLM", annotateLLMRoute, [...ANNOTATE_LLM_DESTINATIONS])
    .addEdge("askHuman", "collectAnswers")
    .addConditionalEdges("collectAnswers", humanRoute, [...HUMAN_DESTINATIONS])
    .addEdge("annotateOracle", "train")
    .addEdge("generate", "train")
    .addEdge("train", "evaluate")
    .addConditionalEdges("evaluate", stopRoute, [...STOP_DESTINATIONS]);
}

/** Four super-steps a round; this allows runs of thousands of rounds. */
export const RECURSION_LIMIT = 10_000;

/** Compiles the loop with a checkpointer (SqliteSaver, MemorySaver, PostgresSaver) for in-process runs. */
export function compileActiveLearning(checkpointer?: BaseCheckpointSaver) {
  return buildActiveLearningGraph().compile({ checkpointer, name: "activeLearning" }).withConfig({ recursionLimit: RECURSION_LIMIT });
}

type ActiveLearningGraph = ReturnType<typeof compileActiveLearning>;
/** The graph's runtime context type, as LangGraph derives it from the run-config schema. */
export type GraphContext = NonNullable<Parameters<ActiveLearningGraph["invoke"]>[1]>["context"];

/**
 * A validated run config as the graph's runtime context. LangGraph types a zod context by its
 * fields, optional ones included, so a parsed config needs this one cast.
 */
export function runContext(config: RunConfig): GraphContext {
  return config as unknown as GraphContext;
}

/** For langgraph.json: no checkpointer, the LangGraph API server brings its own. */
export const graph = compileActiveLearning();
