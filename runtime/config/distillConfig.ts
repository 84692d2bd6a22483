import { z } from "zod";
import { LlmAnnotatorSchema } from "../../tools/annotators/config.js";
import { DatasetSpecSchema } from "../../tools/pool/datasetSpec.js";
import { getStrategy, RENAMED_STRATEGIES, strategyNames } from "../../tools/strategies/registry.js";
import { parseRunConfig, type RunConfig, RunConfigSchema } from "./runConfig.js";
import { configParser } from "./configParser.js";

/**
 * The teacher: the LLM that labels, with the loop's LLM-annotator settings (items per call, k-NN
 * demonstrations, confidence). No review, no routing and no cascade: distillation asks no person.
 */
const annotator = LlmAnnotatorSchema.shape;
export const TeacherSchema = z
  .object({
    llm: annotator.llm,
    demonstrations: annotator.demonstrations,
    confidence: annotator.confidence,
    samples: annotator.samples,
    chainOfThought: annotator.chainOfThought,
    /** Items per teacher call (several share the instructions and demonstrations, and cost less a label). */
    itemsPerCall: z.number().int().min(1).max(50).default(10),
  })
  .strict();
export type TeacherConfig = z.infer<typeof TeacherSchema>;

/** Query methods the student can choose by alone: those that need an LLM or a committee of LLMs would ask a second model. */
function studentMethod(name: string, ctx: z.RefinementCtx): void {
  if (name in RENAMED_STRATEGIES) {
    ctx.addIssue({ code: "custom", message: RENAMED_STRATEGIES[name] });
    return;
  }
  if (!strategyNames().includes(name)) {
    ctx.addIssue({ code: "invalid_value", values: strategyNames(), input: name });
    return;
  }
  const needs = getStrategy(name).needs;
  if (needs.includes("llm") || needs.includes("votes")) ctx.addIssue({ code: "custom", message: `"${name}" asks an LLM to choose; the student chooses alone` });
}

/**
 * Active knowledge distillation (the survey's fourth paradigm) and FreeAL (Xiao et al., EMNLP
 * 2023), as JSON: what the teacher is, what the student is, how the teacher's work is chosen, and
 * what the teacher may cost. Validated here, echoed into the state, so a resumed thread goes on
 * with the config it started with.
 */
export const DistillConfigSchema = z
  .object({
    dataset: DatasetSpecSchema,
    /**
     * `active`: the student asks the teacher about the items its query method picks, batch by
     * batch, until the budget is spent (`active.strategy: "random"` is plain teacher labeling).
     * `freeal`: the teacher labels a draw of the pool, then for `freeal.rounds` rounds the student
     * keeps the labels it finds easy (small loss) and sends the rest back to the teacher, with its
     * clean examples as demonstrations.
     */
    method: z.enum(["active", "freeal"]).default("active"),
    seed: z.number().int().min(0).default(0),
    /** What the labels are about, for the teacher's prompts: a sentence on the task and one per label. */
    task: RunConfigSchema.shape.task,
    teacher: TeacherSchema.prefault({}),
    /** The student: the loop's target model (inverse L2 strength, iterations) over the loop's TF-IDF features. */
    student: RunConfigSchema.shape.model,
    features: RunConfigSchema.shape.features,
    /** What the teacher may cost: items asked (relabels count again) and USD. At least one is set. */
    budget: z
      .object({
        /** Items put to the teacher, counting every relabel and every failed answer. */
        maxTeacherLabels: z.number().int().positive().optional(),
        maxUsd: z.number().positive().optional(),
      })
      .strict()
      .prefault({})
      .refine((budget) => budget.maxTeacherLabels !== undefined || budget.maxUsd !== undefined, {
        message: "set maxTeacherLabels or maxUsd: without a budget the teacher would be asked about the whole pool",
      }),
    active: z
      .object({
        /** The student's query method: any of the registry's that needs no LLM (margin, entropy, badge, random…). */
        strategy: z.string().default("margin").superRefine(studentMethod),
        /** Items of the first, random batch (no student exists yet). */
        initialSize: z.number().int().positive().default(20),
        batchSize: z.number().int().positive().default(20),
      })
      .strict()
      .prefault({}),
    freeal: z
      .object({
        /**
         * Pool items the teacher labels first, drawn at random; default: as many as leave room in
         * `maxTeacherLabels` for every round's relabeling (N + rounds × (1 − cleanShare) × N), or the
         * whole pool when that is smaller.
         */
        annotate: z.number().int().positive().optional(),
        /** Rounds of filtering and relabeling (the paper found two enough). */
        rounds: z.number().int().min(0).max(20).default(2),
        /** Per class (by the teacher's label), the share of items with the smallest loss that the student keeps as clean. */
        cleanShare: z.number().gt(0).lt(1).default(0.5),
        /** Losses are out of fold over this many folds (each item scored by a student that did not train on it); 1 scores on the training fit. */
        lossFolds: z.number().int().min(1).max(20).default(5),
      })
      .strict()
      .prefault({}),
    /** Offline, the simulated teacher learns from a reservoir of gold labels held out of the pool. */
    simulation: RunConfigSchema.shape.simulation,
    /** Where the teacher's responses are cached (SQLite); "off" to disable. */
    llmCache: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const { maxTeacherLabels } = config.budget;
    if (config.method === "freeal" && config.freeal.annotate === undefined && maxTeacherLabels === undefined)
      ctx.addIssue({ code: "custom", path: ["freeal", "annotate"], message: "set it, or budget.maxTeacherLabels to derive it from" });
    if (config.method === "freeal" && config.freeal.annotate !== undefined && maxTeacherLabels !== undefined && config.freeal.annotate > maxTeacherLabels)
      ctx.addIssue({
        code: "custom",
        path: ["freeal", "annotate"],
        message: `${config.freeal.annotate} is more than budget.maxTeacherLabels (${maxTeacherLabels})`,
      });
  });

export type DistillConfig = z.infer<typeof DistillConfigSchema>;
export type DistillConfigInput = z.input<typeof DistillConfigSchema>;

/** Validates a distillation config from any source (CLI, JSON file, Studio), naming every bad field. */
export const parseDistillConfig: (input: unknown) => DistillConfig = configParser(DistillConfigSchema, "distillation");

/**
 * The loop's run config with the same data, features, student and teacher: what the workspace, the
 * LLM clients and the query methods are built from, so distillation shares them with the loop
 * (and a simulated teacher's reservoir is held out of the pool the same way).
 */
export function loopConfigOf(config: DistillConfig): RunConfig {
  const { dataset, seed, task, teacher, student, features, simulation, llmCache } = config;
  return parseRunConfig({
    dataset,
    seed,
    task,
    annotator: { kind: "llm", ...teacher },
    model: student,
    features,
    simulation,
    ...(llmCache ? { llmCache } : {}),
    strategy: config.active.strategy,
    batchSize: config.active.batchSize,
    initial: { size: config.active.initialSize },
    stopping: { ...(config.budget.maxUsd !== undefined ? { maxUsd: config.budget.maxUsd } : { maxLabels: config.budget.maxTeacherLabels }) },
  });
}

/** How many pool items FreeAL's teacher labels first: the config's, or what the budget leaves room for. */
export function freealAnnotateCount(config: DistillConfig, poolSize: number): number {
  const { annotate, rounds, cleanShare } = config.freeal;
  if (annotate !== undefined) return Math.min(annotate, poolSize);
  const budget = config.budget.maxTeacherLabels ?? poolSize;
  return Math.min(poolSize, Math.max(1, Math.floor(budget / (1 + rounds * (1 - cleanShare)))));
}

/**
 * The one accessor every distillation node reads its settings through: the config initialize
 * echoed into the state, with the loop config derived from it (cheap: workspaces and clients are
 * keyed by content, so a config derived again finds the same ones).
 */
export function distillConfigOf(state: { readonly config?: DistillConfig }): { config: DistillConfig; loop: RunConfig } {
  const { config } = state;
  if (!config) throw new Error("the state has no distillation config: initialize has not run on this thread");
  return { config, loop: loopConfigOf(config) };
}
