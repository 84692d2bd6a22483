/**
 * activegraph: LLM-based active learning on LangGraph.js. The loop (Initialize → Query → Annotate
 * → Train → Stop) as a LangGraph graph, run in-process with `runThread` or served by the LangGraph
 * API server; the run config and its schema; the services a graph runs with; the registries for
 * your own chat models, embeddings and query methods; and the writers of `activegraph export` (CSV,
 * JSONL, OpenAI fine-tuning, a Hugging Face dataset with its card, DPO pairs). Query methods,
 * stopping criteria and LLM tools have entry points of their own: `activegraph/strategies`,
 * `activegraph/stopping`, `activegraph/llm`.
 */
export { checkpointing, type Checkpointing } from "../bin/checkpointer.js";
export { buildActiveLearningGraph, compileActiveLearning, type GraphContext, RECURSION_LIMIT, runContext } from "../graphs/activeLearning/graph.js";
export { planRun, type RunPlan } from "../graphs/activeLearning/plan.js";
export {
  type HumanResponder,
  type PendingQuestion,
  type RunThreadOptions,
  type RunThreadResult,
  runThread,
  threadStatus,
} from "../graphs/activeLearning/runThread.js";
export { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
export { ActiveLearningState, type State as ActiveLearningStateValue } from "../graphs/activeLearning/state.js";
export { buildCommitteeGraph } from "../graphs/committee/graph.js";
export { parseRunConfig, type RunConfig, type RunConfigInput, RunConfigSchema } from "../runtime/config/runConfig.js";
export { createServices, type Services } from "../runtime/services.js";
export { type HumanItem, type HumanRequest, HumanRequestSchema } from "../tools/annotators/humanAnswer.js";
export type { Ledger } from "../tools/cost/ledger.js";
export { registerEmbeddings } from "../tools/embed/embeddings.js";
export { ActiveGraphError, ConfigError, DatasetError } from "../tools/errors.js";
export { correctionPairs } from "../tools/export/correctionPairs.js";
export { LABEL_CSV_COLUMNS, labelsCsv } from "../tools/export/csv.js";
export { dpoJsonl, type PreferencePair, PreferencePairSchema } from "../tools/export/dpo.js";
export { type DatasetFile, type HfDatasetInput, hfDataset } from "../tools/export/hfDataset.js";
export { toJsonl } from "../tools/export/jsonl.js";
export { type LabelRow, labelRows } from "../tools/export/labelRows.js";
export { labelsJsonl } from "../tools/export/labelsJsonl.js";
export { type OpenAiChatExample, OpenAiChatExampleSchema, openaiChatExamples } from "../tools/export/openaiChat.js";
export { type Provenance, provenance } from "../tools/export/provenance.js";
export type { FailedItem, LabelRecord } from "../tools/labels/labelRecord.js";
export { registerChatModel } from "../tools/llm/customModels.js";
export type { RoundMetrics } from "../tools/metrics/roundMetrics.js";
export { registerStrategy } from "../tools/strategies/registry.js";
