import { z } from "zod";
import { HumanAnnotatorSchema, LlmAnnotatorSchema, OracleAnnotatorSchema } from "../../tools/annotators/config.js";
import { VectorSpecSchema } from "../../tools/embed/vectorSpec.js";
import { ConfigError, formatZodIssues } from "../../tools/errors.js";
import { LlmSchema } from "../../tools/llm/config.js";
import { DatasetSpecSchema } from "../../tools/pool/datasetSpec.js";
import { ICL_STRATEGY_NAMES, iclStrategy } from "../../tools/strategies/icl/registry.js";
import { type RunConfig, RunConfigSchema } from "./runConfig.js";
import { configParser } from "./configParser.js";

/**
 * An active in-context learning run, entirely (`activeIcl`): which pool items to label and show an
 * LLM as few-shot demonstrations, under a budget in labels and USD, judged by the LLM's few-shot
 * accuracy on a seeded subset of the test split.
 */
export const IclConfigSchema = z
  .object({
    dataset: DatasetSpecSchema,
    /** How the demonstrations are chosen (tools/strategies/icl/registry.ts). */
    strategy: z.enum(ICL_STRATEGY_NAMES).default("similarity"),
    /** Demonstrations in each prompt. */
    k: z.number().int().min(1).max(64).default(4),
    /**
     * How a test input gets its k demonstrations: as the strategy says (its own k for every input;
     * the input's nearest for similarity), or `nearest`: the k labeled items most similar to it,
     * whatever chose them (the prompt retrieval of Su et al. 2023; strategies then label the budget).
     */
    retrieval: z.enum(["strategy", "nearest"]).default("strategy"),
    seed: z.number().int().min(0).default(0),
    /** What the labels are about, for every prompt: a sentence on the task and one per label. */
    task: RunConfigSchema.shape.task,
    /** The in-context learner: the LLM whose few-shot accuracy is the target. */
    learner: LlmSchema.prefault({}),
    /**
     * How the learner answers: `score` reads its probability of every label after the prompt
     * (local llama.cpp models and the simulator), `generate` has it write the JSON answer (any chat
     * model; the label's logprob is its confidence); `auto` scores where the model can.
     */
    inference: z.enum(["auto", "score", "generate"]).default("auto"),
    /** Who labels the chosen items: the simulated gold oracle, people (interrupts) or an LLM. */
    annotator: z.discriminatedUnion("kind", [OracleAnnotatorSchema, LlmAnnotatorSchema, HumanAnnotatorSchema]).prefault({ kind: "oracle" }),
    budget: z
      .object({
        /** Labels at most; default the strategy's own need (k; k per test input for similarity; 3k for label-balanced). */
        maxLabels: z.number().int().positive().optional(),
        /** USD at most, for labels and every LLM call (selection, annotation and the evaluation alike). */
        maxUsd: z.number().positive().optional(),
      })
      .strict()
      .prefault({}),
    evaluation: z
      .object({
        /** Test inputs the learner is evaluated on: a seeded sample of the test split (all of it if smaller). */
        testSize: z.number().int().positive().default(100),
        /** Test inputs classified per step; each step is checkpointed before the next is paid for. */
        wave: z.number().int().positive().max(1000).default(20),
      })
      .strict()
      .prefault({}),
    scoring: z
      .object({
        /** Pool items the learner scores for uncertainty, perplexity and vote-k's second stage (a seeded sample: one call an item). */
        poolSample: z.number().int().positive().default(200),
      })
      .strict()
      .prefault({}),
    strategies: z
      .object({
        diversity: z
          .object({ method: z.enum(["kmeans", "mmr"]).default("kmeans"), lambda: z.number().min(0).max(1).default(0.5) })
          .strict()
          .prefault({}),
        voteK: z
          .object({
            /** Neighbours of each item in the graph (150 in the paper). */
            neighbors: z.number().int().min(1).max(1000).default(150),
            /** ρ: a vote counts ρ^−s from an item with s selected neighbours. */
            discount: z.number().gt(1).default(10),
            /** Pool items the graph spans: a seeded sample (3,000 in the paper), plus the labeled ones. */
            pool: z.number().int().min(2).default(3000),
          })
          .strict()
          .prefault({}),
        perplexity: z
          .object({ order: z.enum(["lowest", "highest"]).default("lowest") })
          .strict()
          .prefault({}),
        uncertainty: z
          .object({ order: z.enum(["most", "least"]).default("most") })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** Vectors for similarity, diversity and vote-k's graph (default: a random projection of TF-IDF). */
    vectors: VectorSpecSchema,
    features: RunConfigSchema.shape.features,
    simulation: RunConfigSchema.shape.simulation,
    /** Where LLM responses and scores are cached (SQLite); "off" to disable. */
    llmCache: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const { maxLabels } = config.budget;
    if (maxLabels !== undefined && maxLabels < config.k)
      ctx.addIssue({ code: "custom", path: ["budget", "maxLabels"], message: `${maxLabels} labels cannot make ${config.k} demonstrations (k)` });
  });

export type IclConfig = z.infer<typeof IclConfigSchema>;
export type IclConfigInput = z.input<typeof IclConfigSchema>;

/** Validates an ICL config from any source (CLI, JSON, Studio), naming every bad field in one line. */
export const parseIclConfig: (input: unknown) => IclConfig = configParser(IclConfigSchema, "icl");

/** The labels the run may buy: the budget's, else what the strategy needs. */
export function iclLabelBudget(config: IclConfig, testSize: number): number {
  return config.budget.maxLabels ?? iclStrategy(config.strategy).defaultLabels(config.k, testSize);
}

/**
 * The run seen as the loop sees a run: what the workspace (data, features, vectors, the simulated
 * LLM's reservoir) and the loop's annotator nodes (annotateOracle, annotateLLM, askHuman) read.
 * The reservoir is held out whenever the learner is simulated, so it knows what it knows from
 * data outside the pool. The USD budget goes to an LLM annotator's guard; human fees and every
 * other call are checked against it by the ICL nodes.
 */
export function loopConfigOf(config: IclConfig): RunConfig {
  const simulatedLearner = config.learner.provider === "simulated";
  const parsed = RunConfigSchema.safeParse({
    dataset: config.dataset,
    seed: config.seed,
    task: config.task,
    annotator: config.annotator,
    simulation: { ...config.simulation, holdOut: simulatedLearner ? "always" : config.simulation.holdOut },
    features: config.features,
    vectors: config.vectors,
    index: { kind: "exact" },
    ...(config.llmCache ? { llmCache: config.llmCache } : {}),
    // The loop's nodes need a bound; the ICL nodes apply theirs (iclLabelBudget, runtime/icl/budget.ts).
    stopping: {
      maxLabels: iclLabelBudget(config, config.evaluation.testSize),
      ...(config.annotator.kind === "llm" && config.budget.maxUsd !== undefined ? { maxUsd: config.budget.maxUsd } : {}),
    },
  });
  if (!parsed.success) throw new ConfigError(`invalid icl config: ${formatZodIssues(parsed.error.issues)}`, parsed.error.issues);
  return parsed.data;
}

/** The one accessor the ICL nodes read their settings through: the config initialize echoed into the state. */
export function iclConfigOf(state: { readonly icl?: IclConfig }): IclConfig {
  if (!state.icl) throw new Error("the state has no icl config: initialize has not run on this thread");
  return state.icl;
}
