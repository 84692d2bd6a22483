import { type BaseCheckpointSaver, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { annotateLLM } from "../../nodes/activeSft/annotateLLM.js";
import { annotateOracle } from "../../nodes/activeSft/annotateOracle.js";
import { askPeople, collectAnswers, SftPeopleTaskSchema } from "../../nodes/activeSft/askPeople.js";
import { assign } from "../../nodes/activeSft/assign.js";
import { evaluate } from "../../nodes/activeSft/evaluate.js";
import { initialize } from "../../nodes/activeSft/initialize.js";
import { score } from "../../nodes/activeSft/score.js";
import { select } from "../../nodes/activeSft/select.js";
import { stop } from "../../nodes/activeSft/stop.js";
import type { SftConfig } from "../../runtime/config/sftConfig.js";
import { promptPools } from "../../runtime/promptPool/promptPools.js";
import { createServices, type Services } from "../../runtime/services.js";
import {
  AFTER_ANNOTATE_LLM,
  AFTER_SCORE,
  AFTER_SELECT,
  ANNOTATION_DESTINATIONS,
  afterAnnotateLLM,
  afterScore,
  afterSelect,
  annotationRoute,
  PEOPLE_DESTINATIONS,
  peopleRoute,
  STOP_DESTINATIONS,
  stopRoute,
} from "./routes.js";
import { ActiveSftState } from "./state.js";

/**
 * Active SFT (Xia et al. 2025, §6: active learning for supervised fine-tuning): choose which
 * prompts of a pool become fine-tuning examples, and who writes their responses.
 *
 *   START → initialize → select → (score ⟲ waves → select) → score picks ⟲ → assign
 *   assign → annotationRoute → askPeople ×N (Send) → collectAnswers → peopleRoute | annotateOracle | annotateLLM ⟲ | evaluate
 *   evaluate → stop → stopRoute → select | END
 *
 * select draws a shortlist and ranks it by the strategy (self-consistency uncertainty, Ask-LLM
 * quality, facility-location diversity, self-training, random); assign keeps the model's own
 * response where its samples agree (self-training) and sends the rest to people, the oracle or a
 * stronger LLM; evaluate measures coverage, judged quality and duplicates of what was chosen.
 */
export function buildActiveSftGraph(services: Services = createServices()) {
  const pools = promptPools(services);
  return new StateGraph(ActiveSftState, {
    context: z.looseObject({}).describe("The active-SFT config (SftConfigSchema), validated by initialize"),
    input: SftInput,
  })
    .addNode("initialize", initialize(pools))
    .addNode("select", select(pools))
    .addNode("score", score(pools))
    .addNode("assign", assign(pools))
    .addNode("annotateOracle", annotateOracle(pools))
    .addNode("annotateLLM", annotateLLM(pools))
    .addNode("askPeople", askPeople, { input: SftPeopleTaskSchema })
    .addNode("collectAnswers", collectAnswers)
    .addNode("evaluate", evaluate(pools))
    .addNode("stop", stop)
    .addEdge(START, "initialize")
    .addEdge("initialize", "select")
    .addConditionalEdges("select", afterSelect, [...AFTER_SELECT])
    .addConditionalEdges("score", afterScore, [...AFTER_SCORE])
    .addConditionalEdges("assign", annotationRoute, [...ANNOTATION_DESTINATIONS])
    .addEdge("annotateOracle", "evaluate")
    .addConditionalEdges("annotateLLM", afterAnnotateLLM, [...AFTER_ANNOTATE_LLM])
    .addEdge("askPeople", "collectAnswers")
    .addConditionalEdges("collectAnswers", peopleRoute, [...PEOPLE_DESTINATIONS])
    .addEdge("evaluate", "stop")
    .addConditionalEdges("stop", stopRoute, [...STOP_DESTINATIONS]);
}

/** What a run is started with: its config alone (what Studio's input form shows). */
const SftInput = new StateSchema({ config: ActiveSftState.fields.config });

/** A round takes a handful of super-steps, and scoring one per wave: this allows long runs. */
export const SFT_RECURSION_LIMIT = 100_000;

/** Compiles active SFT with a checkpointer (SqliteSaver, MemorySaver, PostgresSaver) for in-process runs. */
export function compileActiveSft(checkpointer?: BaseCheckpointSaver, services?: Services) {
  return buildActiveSftGraph(services).compile({ checkpointer, name: "activeSft" }).withConfig({ recursionLimit: SFT_RECURSION_LIMIT });
}

/** A config as the graph's runtime context. */
export function sftContext(config: SftConfig) {
  return config as unknown as Record<string, unknown>;
}

/** For langgraph.json: no checkpointer, the LangGraph API server brings its own. */
export const graph = compileActiveSft();
