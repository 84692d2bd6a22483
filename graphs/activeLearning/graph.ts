import { type BaseCheckpointSaver, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { annotateCommittee } from "../../nodes/annotate/committee.js";
import { askHuman, collectAnswers, HumanTaskSchema } from "../../nodes/annotate/askHuman.js";
import { annotateLLM } from "../../nodes/annotate/llm.js";
import { annotateOracle } from "../../nodes/annotate/oracle.js";
import { biasAudit } from "../../nodes/biasAudit/audit.js";
import { relabelFlagged } from "../../nodes/biasAudit/relabel.js";
import { evaluate } from "../../nodes/evaluate.js";
import { initialize } from "../../nodes/initialize.js";
import { generate } from "../../nodes/query/generate.js";
import { select } from "../../nodes/query/select.js";
import { stop } from "../../nodes/stop.js";
import { train } from "../../nodes/train.js";
import type { RunConfig } from "../../runtime/config/runConfig.js";
import { createServices, type Services } from "../../runtime/services.js";
import { committeeRunner } from "../committee/graph.js";
import {
  ANNOTATE_COMMITTEE_DESTINATIONS,
  ANNOTATE_LLM_DESTINATIONS,
  ANNOTATION_DESTINATIONS,
  annotateCommitteeRoute,
  BIAS_AUDIT_DESTINATIONS,
  biasAuditRoute,
  RELABEL_DESTINATIONS,
  relabelRoute,
  annotateLLMRoute,
  annotationRoute,
  HUMAN_DESTINATIONS,
  humanRoute,
  INITIAL_DESTINATIONS,
  initialRoute,
  STOP_DESTINATIONS,
  stopRoute,
} from "./routes.js";
import { ActiveLearningState } from "./state.js";

/**
 * The active-learning loop: Initialize → Query → Annotate → Train → (evaluate) → Stop.
 *
 *   START → initialize → initialRoute → annotateOracle | annotateLLM | askHuman… | generate
 *   select → annotationRoute → annotateOracle | annotateLLM | annotateCommittee | askHuman (one Send per task)
 *   annotateCommittee → (committee subgraph: Send per member → vote → tally) → annotateCommitteeRoute
 *   annotateLLM → annotateLLMRoute → annotateLLM (next wave) | askHuman… (review) | train
 *   askHuman → collectAnswers → humanRoute → askHuman… (items still pending) | train
 *   annotateOracle, generate → train → evaluate → stop → stopRoute → select | generate | biasAudit | END
 *   biasAudit (CAL, every `biasAudit.every` query rounds) → relabelFlagged ⟲ waves | askHuman… → train
 *
 * `services` (workspaces, LLM clients) are the graph's own: two graphs never share a cache.
 */
export function buildActiveLearningGraph(services: Services = createServices()) {
  const runCommittee = committeeRunner(services);
  return new StateGraph(ActiveLearningState, { context: RunContextSchema, input: ActiveLearningInput })
    .addNode("initialize", initialize(services))
    .addNode("select", select(services, runCommittee))
    .addNode("generate", generate(services))
    .addNode("annotateOracle", annotateOracle(services))
    .addNode("annotateLLM", annotateLLM(services))
    .addNode("annotateCommittee", annotateCommittee(services, runCommittee))
    .addNode("askHuman", askHuman, { input: HumanTaskSchema })
    .addNode("collectAnswers", collectAnswers)
    .addNode("biasAudit", biasAudit(services))
    .addNode("relabelFlagged", relabelFlagged(services))
    .addNode("train", train(services))
    .addNode("evaluate", evaluate(services))
    .addNode("stop", stop(services))
    .addEdge(START, "initialize")
    .addConditionalEdges("initialize", initialRoute, [...INITIAL_DESTINATIONS])
    .addConditionalEdges("select", annotationRoute, [...ANNOTATION_DESTINATIONS])
    .addConditionalEdges("annotateLLM", annotateLLMRoute, [...ANNOTATE_LLM_DESTINATIONS])
    .addConditionalEdges("annotateCommittee", annotateCommitteeRoute, [...ANNOTATE_COMMITTEE_DESTINATIONS])
    .addConditionalEdges("biasAudit", biasAuditRoute, [...BIAS_AUDIT_DESTINATIONS])
    .addConditionalEdges("relabelFlagged", relabelRoute, [...RELABEL_DESTINATIONS])
    .addEdge("askHuman", "collectAnswers")
    .addConditionalEdges("collectAnswers", humanRoute, [...HUMAN_DESTINATIONS])
    .addEdge("annotateOracle", "train")
    .addEdge("generate", "train")
    .addEdge("train", "evaluate")
    .addEdge("evaluate", "stop")
    .addConditionalEdges("stop", stopRoute, [...STOP_DESTINATIONS]);
}

/**
 * What a run is started with: its config, and nothing else. The state has seventeen fields, all
 * written by the nodes; as the input schema they would all appear in Studio's input form. (The
 * config may also come as the run's context: SDK, CLI, code.)
 */
const ActiveLearningInput = new StateSchema({ config: ActiveLearningState.fields.config });

/** Five super-steps a round; this allows runs of thousands of rounds. */
export const RECURSION_LIMIT = 10_000;

/** Compiles the loop with a checkpointer (SqliteSaver, MemorySaver, PostgresSaver) for in-process runs. */
export function compileActiveLearning(checkpointer?: BaseCheckpointSaver, services?: Services) {
  return buildActiveLearningGraph(services).compile({ checkpointer, name: "activeLearning" }).withConfig({ recursionLimit: RECURSION_LIMIT });
}

/**
 * The runtime context is the run config (as JSON), but LangGraph validates a context on every
 * invocation, resumes and API runs without one included, and would answer a bad config with a raw
 * zod dump. So the graph accepts any object here and initialize validates it with parseRunConfig,
 * which names every bad field; a run may also carry the config in its input (`{ config }`), which
 * is what Studio's input form shows (the API server does not extract context schemas from a
 * StateSchema graph).
 */
const RunContextSchema = z.looseObject({}).describe("The run config (see RunConfigSchema), validated by initialize");

type ActiveLearningGraph = ReturnType<typeof compileActiveLearning>;
export type GraphContext = NonNullable<Parameters<ActiveLearningGraph["invoke"]>[1]>["context"];

/** A run config as the graph's runtime context. */
export function runContext(config: RunConfig): GraphContext {
  return config as unknown as GraphContext;
}

/** For langgraph.json: no checkpointer, the LangGraph API server brings its own. */
export const graph = compileActiveLearning();
