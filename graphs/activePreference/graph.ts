import { type BaseCheckpointSaver, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { annotateLLM } from "../../nodes/activePreference/annotateLLM.js";
import { annotateOracle } from "../../nodes/activePreference/annotateOracle.js";
import { askPeople, collectAnswers, PreferencePeopleTaskSchema } from "../../nodes/activePreference/askPeople.js";
import { evaluate } from "../../nodes/activePreference/evaluate.js";
import { generate } from "../../nodes/activePreference/generate.js";
import { initialize } from "../../nodes/activePreference/initialize.js";
import { select } from "../../nodes/activePreference/select.js";
import { stop } from "../../nodes/activePreference/stop.js";
import type { PreferenceConfig } from "../../runtime/config/preferenceConfig.js";
import { promptPools } from "../../runtime/promptPool/promptPools.js";
import { createServices, type Services } from "../../runtime/services.js";
import {
  AFTER_ANNOTATE_LLM,
  AFTER_GENERATE,
  ANNOTATION_DESTINATIONS,
  afterAnnotateLLM,
  afterGenerate,
  annotationRoute,
  PEOPLE_DESTINATIONS,
  peopleRoute,
  STOP_DESTINATIONS,
  stopRoute,
} from "./routes.js";
import { ActivePreferenceState } from "./state.js";

/**
 * Active preference alignment (Xia et al. 2025, §6: active learning for RLHF): choose which pairs
 * of candidate responses are sent for a preference label, to train a reward model with fewer labels.
 *
 *   START → initialize → generate ⟲ (candidate responses, then held-out pairs) → select
 *   select → annotationRoute → askPeople ×N (Send) → collectAnswers → peopleRoute | annotateOracle | annotateLLM ⟲ | evaluate
 *   evaluate → stop → stopRoute → select | END
 *
 * select ranks the unlabeled pairs by the Bradley–Terry reward model's uncertainty, or a judge
 * committee's disagreement, or at random; evaluate refits the reward model from the labels and
 * measures it on held-out pairs. The labels export as DPO pairs (prompt, chosen, rejected).
 */
export function buildActivePreferenceGraph(services: Services = createServices()) {
  const pools = promptPools(services);
  return new StateGraph(ActivePreferenceState, {
    context: z.looseObject({}).describe("The active-preference config (PreferenceConfigSchema), validated by initialize"),
    input: PreferenceInput,
  })
    .addNode("initialize", initialize(pools))
    .addNode("generate", generate(pools))
    .addNode("select", select(pools))
    .addNode("annotateOracle", annotateOracle(pools))
    .addNode("annotateLLM", annotateLLM(pools))
    .addNode("askPeople", askPeople, { input: PreferencePeopleTaskSchema })
    .addNode("collectAnswers", collectAnswers)
    .addNode("evaluate", evaluate(pools))
    .addNode("stop", stop)
    .addEdge(START, "initialize")
    .addConditionalEdges("initialize", afterGenerate, [...AFTER_GENERATE])
    .addConditionalEdges("generate", afterGenerate, [...AFTER_GENERATE])
    .addConditionalEdges("select", annotationRoute, [...ANNOTATION_DESTINATIONS])
    .addEdge("annotateOracle", "evaluate")
    .addConditionalEdges("annotateLLM", afterAnnotateLLM, [...AFTER_ANNOTATE_LLM])
    .addEdge("askPeople", "collectAnswers")
    .addConditionalEdges("collectAnswers", peopleRoute, [...PEOPLE_DESTINATIONS])
    .addEdge("evaluate", "stop")
    .addConditionalEdges("stop", stopRoute, [...STOP_DESTINATIONS]);
}

/** What a run is started with: its config alone (what Studio's input form shows). */
const PreferenceInput = new StateSchema({ config: ActivePreferenceState.fields.config });

/** A round takes a handful of super-steps, generation one per wave: this allows long runs. */
export const PREFERENCE_RECURSION_LIMIT = 100_000;

/** Compiles active preference with a checkpointer (SqliteSaver, MemorySaver, PostgresSaver) for in-process runs. */
export function compileActivePreference(checkpointer?: BaseCheckpointSaver, services?: Services) {
  return buildActivePreferenceGraph(services).compile({ checkpointer, name: "activePreference" }).withConfig({ recursionLimit: PREFERENCE_RECURSION_LIMIT });
}

/** A config as the graph's runtime context. */
export function preferenceContext(config: PreferenceConfig) {
  return config as unknown as Record<string, unknown>;
}

/** For langgraph.json: no checkpointer, the LangGraph API server brings its own. */
export const graph = compileActivePreference();
