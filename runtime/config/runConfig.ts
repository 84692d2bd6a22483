import { z } from "zod";
import { ModelConfigSchema } from "../../tools/models/modelConfig.js";
import { AnnotatorSchema } from "../../tools/annotators/config.js";
import type { LlmConfig } from "../../tools/llm/config.js";
import { CommitteeMemberSchema, DEFAULT_MEMBERS } from "../../tools/llm/committeeConfig.js";
import { LlmSchema } from "../../tools/llm/config.js";
import { GenerationSchema } from "../../tools/llm/generationConfig.js";
import { BiasAuditSchema } from "../../tools/biasAudit/config.js";
import { VectorSpecSchema } from "../../tools/embed/vectorSpec.js";
import { DEFAULT_HNSW } from "../../tools/pool/hnswIndex.js";
import { RepresentationSchema } from "../../tools/embed/representation.js";
import { DatasetSpecSchema } from "../../tools/pool/datasetSpec.js";
import { stoppingIssues } from "./checkConfig.js";
import { BanditConfigSchema, DEFAULT_ARMS } from "../../tools/bandit/config.js";
import { StoppingConfigSchema } from "../../tools/stopping/config.js";
import { ClassCoverageSchema } from "../../tools/strategies/classCoverage.js";
import { COLD_START_NAMES, getStrategy, RENAMED_STRATEGIES, SHORTLIST_NAMES, strategyNames } from "../../tools/strategies/registry.js";
import { configParser } from "./configParser.js";

/**
 * A run, entirely: everything the graph needs, as JSON. It is the graph's runtime context (so
 * Studio, the SDK and the CLI start runs the same way), validated here, and echoed into the state
 * so that a resumed run continues with exactly the config it started with.
 */
/** The query method a run uses unless it names one (see README, "Defaults, by this evidence"). */
export const DEFAULT_STRATEGY = "clustered-uncertainty";

export const RunConfigSchema = z
  .object({
    dataset: DatasetSpecSchema,
    /** A built-in query method, one registered in this process (registerStrategy), or "auto": a bandit chooses each round (`bandit`). */
    strategy: z
      .string()
      .default(DEFAULT_STRATEGY)
      .superRefine((name, ctx) => {
        const known = [...strategyNames(), AUTO];
        if (name in RENAMED_STRATEGIES) ctx.addIssue({ code: "custom", message: RENAMED_STRATEGIES[name] });
        else if (!known.includes(name)) ctx.addIssue({ code: "invalid_value", values: known, input: name });
      }),
    /** Strategy "auto": the arms and the validation slice of the cost-aware strategy bandit (ALBL). */
    bandit: BanditConfigSchema.optional(),
    initial: z
      .object({
        strategy: z.enum(COLD_START_NAMES).default("random"),
        size: z.number().int().positive().default(10),
        /** A seed set chosen by the user (or a benchmark protocol), labeled first instead of a cold-start draw. */
        ids: z
          .array(z.string().min(1))
          .min(1)
          .refine((ids) => new Set(ids).size === ids.length, "ids must be unique")
          .optional(),
      })
      .strict()
      .prefault({}),
    batchSize: z.number().int().positive().default(10),
    /** The guard of the cold-start and diversity methods: a round whose model predicts one class goes to margin sampling. */
    classCoverage: ClassCoverageSchema,
    seed: z.number().int().min(0).default(0),
    /** What the labels are about, for LLM prompts: a sentence on the task and one per label. */
    task: z
      .object({
        description: z.string().default(""),
        labelDescriptions: z.record(z.string(), z.string()).optional(),
      })
      .strict()
      .prefault({}),
    // An annotator given without its kind (`--fee-usd 0`, `--llm-model x`) is the one its fields belong to.
    annotator: z
      .preprocess(
        (value) => (value && typeof value === "object" && !("kind" in value) ? { kind: "llm" in value ? "llm" : "oracle", ...value } : value),
        AnnotatorSchema,
      )
      .prefault({ kind: "oracle" }),
    generation: GenerationSchema.optional(),
    /** Bias discovery (CAL in the survey's sense): every `every` query rounds a strong LLM audits the labels by density cluster; off when absent. */
    biasAudit: BiasAuditSchema.optional(),
    /** Offline LLMs learn from a reservoir of gold labels held out of the pool. */
    simulation: z
      .object({
        reservoirShare: z.number().min(0.01).max(0.9).default(0.2),
        maxReservoir: z.number().int().positive().default(2000),
        /** "auto": hold the reservoir out only when a simulated LLM is used; "always": also without one, so runs compared with LLM runs share their pool. */
        holdOut: z.enum(["auto", "always"]).default("auto"),
      })
      .strict()
      .prefault({}),
    /** Where LLM responses are cached (SQLite); "off" to disable. Default: the activegraph cache folder. */
    llmCache: z.string().min(1).optional(),
    /** An item an annotator failed on this many times is quarantined: never picked again, listed in the result. */
    quarantineAfter: z.number().int().min(1).default(2),
    stopping: StoppingConfigSchema,
    /** The target model: a built-in (softmax, svm, prototype-svm, centroid) or a registered one. */
    model: ModelConfigSchema,
    /** TF-IDF, sentence embeddings or both: what the target model reads and the vector strategies measure distance in. */
    representation: RepresentationSchema,
    features: z
      .object({
        sublinearTf: z.boolean().default(true),
        minDf: z.number().int().positive().default(1),
        /** Word n-grams up to this length beside the words: 2 adds bigrams ("not good"). */
        ngrams: z.number().int().min(1).max(3).default(1),
      })
      .strict()
      .prefault({}),
    /** Dense pool vectors, built only for strategies that need them (CoreSet, BADGE, CAL, the cold-start ones…), when `representation` has no embeddings. */
    vectors: VectorSpecSchema,
    /** k-NN over the pool vectors, for information density, TypiClust and ProbCover. */
    index: z
      .object({
        /** `hnsw`: approximate, persisted beside the cached vectors; `exact`: brute force, for small pools. */
        kind: z.enum(["hnsw", "exact"]).default("hnsw"),
        m: z.number().int().min(2).max(128).default(DEFAULT_HNSW.m),
        efConstruction: z.number().int().min(8).default(DEFAULT_HNSW.efConstruction),
        efSearch: z.number().int().min(1).default(DEFAULT_HNSW.efSearch),
      })
      .strict()
      .prefault({}),
    /** Query by bagging: `size` bootstrapped target models, whose disagreement the vote-entropy, consensus-entropy, kl-consensus and bald methods measure. */
    ensemble: z
      .object({ size: z.number().int().min(2).max(50).default(5) })
      .strict()
      .prefault({}),
    /** The committee: LLMs (or target models) that vote, for committee annotation and CoT query-by-committee. */
    committee: z
      .object({ members: z.array(CommitteeMemberSchema).min(2).max(16).prefault(DEFAULT_MEMBERS) })
      .strict()
      .prefault({}),
    /** LLM selection (llm-rank, llm-clusters, ask-llm, llm-prune, cot-qbc): the model, and the shortlist it reads. */
    selection: z
      .object({
        llm: LlmSchema.prefault({}),
        /** The cheap strategy that shortlists candidates, so a round costs a bounded number of calls. */
        shortlist: z.enum(SHORTLIST_NAMES).default("margin"),
        /** Shortlist size, as a multiple of the batch. */
        shortlistFactor: z.number().int().min(1).max(20).default(4),
        /** llm-prune: share of the shortlist the LLM's quality scores drop before the shortlist strategy picks. */
        pruneShare: z.number().min(0).max(0.95).default(0.5),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const arm of config.bandit?.arms ?? []) {
      if (!strategyNames().includes(arm)) ctx.addIssue({ code: "custom", path: ["bandit", "arms"], message: `unknown query method "${arm}"` });
    }
    for (const issue of stoppingIssues(config)) ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
    const { maxUsd } = config.stopping;
    if (maxUsd === undefined || config.annotator.kind === "llm" || config.annotator.kind === "committee") return;
    if (config.annotator.feeUsd === 0) {
      ctx.addIssue({ code: "custom", path: ["annotator", "feeUsd"], message: "must be above 0 with stopping.maxUsd: free labels never use up a budget" });
    } else if (config.annotator.feeUsd > maxUsd) {
      ctx.addIssue({ code: "custom", path: ["stopping", "maxUsd"], message: `$${maxUsd} cannot pay for one label ($${config.annotator.feeUsd})` });
    }
  });

export type RunConfig = z.infer<typeof RunConfigSchema>;
export type RunConfigInput = z.input<typeof RunConfigSchema>;

/** Validates a run config from any source (CLI, JSON file, Studio), naming every bad field. */
export const parseRunConfig: (input: unknown) => RunConfig = configParser(RunConfigSchema, "run");

/** Whether the pool excludes the simulated LLM's reservoir. */
export function holdsOutReservoir(config: RunConfig): boolean {
  return usesSimulatedLlm(config) || config.simulation.holdOut === "always";
}

/** The annotator's own roles: its LLM (or its committee's members), its cascade's strong model, its verifier. */
export type AnnotatorRole = "annotation" | "escalation" | "verifier";
export const ANNOTATOR_ROLES: ReadonlySet<string> = new Set<AnnotatorRole>(["annotation", "escalation", "verifier"]);

/** What an LLM does in a run: the annotator's roles, then those of the query and audits. */
export type LlmRole = AnnotatorRole | "generation" | "bias audit" | "selection" | "committee";

/** Every LLM a run may call, each with its role. */
export function llmsByRole(config: RunConfig): Array<{ readonly role: LlmRole; readonly llm: LlmConfig }> {
  const roles: Array<{ role: LlmRole; llm: LlmConfig }> = [];
  const add = (role: LlmRole, llm: LlmConfig) => roles.push({ role, llm });
  if (config.annotator.kind === "llm") {
    add("annotation", config.annotator.llm);
    if (config.annotator.escalation) add("escalation", config.annotator.escalation.llm);
    if (config.annotator.review?.verifier) add("verifier", config.annotator.review.verifier);
  }
  if (config.generation) add("generation", config.generation.llm);
  if (config.biasAudit) add("bias audit", config.biasAudit.llm);
  const needs = queryMethodsOf(config).flatMap((name) => getStrategy(name).needs);
  if (needs.includes("llm")) add("selection", config.selection.llm);
  if (needs.includes("votes")) for (const member of config.committee.members) member.kind === "llm" && add("committee", member.llm);
  if (config.annotator.kind === "committee") for (const member of config.committee.members) member.kind === "llm" && add("annotation", member.llm);
  return roles;
}

/** Every LLM a run may call, whatever its role. */
export function llmRoles(config: RunConfig): LlmConfig[] {
  return llmsByRole(config).map(({ llm }) => llm);
}

/** The strategy that chooses among query methods each round. */
export const AUTO = "auto";

/** The query methods a run may use: its strategy, or the bandit's arms under "auto". */
export function queryMethodsOf(config: Pick<RunConfig, "strategy" | "bandit">): string[] {
  return config.strategy === AUTO ? (config.bandit?.arms ?? DEFAULT_ARMS) : [config.strategy];
}

/** Whether any role of the run uses the offline simulated LLM (which needs a reservoir of gold labels). */
export function usesSimulatedLlm(config: RunConfig): boolean {
  return llmRoles(config).some((llm) => llm.provider === "simulated");
}

/** The instructions every LLM prompt of the run carries: the task description, or a plain default. */
export function taskInstructions(config: RunConfig): string {
  return config.task.description || "Give each text the one label that fits it best.";
}

/** Whether the run may wait on people: they annotate, review an LLM's or a committee's labels, or relabel what a bias audit flags. */
export function asksPeople(config: RunConfig): boolean {
  const { annotator } = config;
  if (config.biasAudit?.relabelBy === "human") return true;
  return annotator.kind === "human" || ((annotator.kind === "llm" || annotator.kind === "committee") && annotator.review !== undefined);
}
