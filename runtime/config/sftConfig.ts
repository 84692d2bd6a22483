import { z } from "zod";
import { type LlmConfig, LlmSchema } from "../../tools/llm/config.js";
import { SFT_STRATEGIES, SFT_STRATEGY_NAMES } from "../../tools/sft/strategies.js";
import { promptPoolFields } from "./promptPoolConfig.js";
import { configParser } from "./configParser.js";

/**
 * Who writes the response of a chosen prompt the model is unsure of: nobody (`none`: it is left
 * out, and only self-training adds examples), the simulated person of benchmarks (`oracle`: the
 * gold answer, or the response the prompt file gives), a stronger LLM (`llm`), or people (`human`,
 * through interrupts).
 */
export const SftAnnotatorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }).strict(),
  z.object({ kind: z.literal("oracle"), feeUsd: z.number().min(0).default(0.1).describe("USD per response written") }).strict(),
  z.object({ kind: z.literal("llm"), llm: LlmSchema.prefault({ model: "gpt-4o" }) }).strict(),
  z
    .object({
      kind: z.literal("human"),
      feeUsd: z.number().min(0).default(0.1).describe("USD per response written or accepted"),
      itemsPerTask: z.number().int().min(1).max(100).default(1),
    })
    .strict(),
]);
export type SftAnnotator = z.infer<typeof SftAnnotatorSchema>;

/** Active SFT: which prompts of a pool become supervised fine-tuning examples, and who writes their responses. */
export const SftConfigSchema = z
  .object({
    ...promptPoolFields,
    strategy: z.enum(SFT_STRATEGY_NAMES).default("uncertainty"),
    /** Examples chosen a round. */
    batchSize: z.number().int().positive().default(10),
    /** Candidates a round, as a multiple of the batch: drawn at random from the unchosen pool, scored, and picked from. */
    shortlistFactor: z.number().int().min(1).max(20).default(4),
    /** The model whose responses are sampled (self-consistency) and kept when self-trained. */
    responder: z
      .object({
        llm: LlmSchema.prefault({}),
        samples: z.number().int().min(2).max(16).default(4),
        /** Of every sample (distinct seeds). */
        temperature: z.number().min(0.1).max(2).default(1),
        /** Follow the answer with a sentence on why (prompts made from a labeled dataset). */
        explain: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    /** How sampled responses become uncertainty: 1 − the agreement of their answers, or the spread of their words. */
    uncertainty: z.enum(["answers", "spread"]).default("answers"),
    /** Ask-LLM: the judge of (prompt, response) pairs (default: the responder's model). */
    quality: z
      .object({ llm: LlmSchema.optional(), itemsPerCall: z.number().int().min(1).max(20).default(5) })
      .strict()
      .prefault({}),
    /**
     * Self-training: a chosen prompt whose samples agree at least `minAgreement` (and whose pair
     * has Ask-LLM quality at least `minQuality`, when set) keeps the model's own response, with no
     * person; null sends every chosen prompt to the annotator.
     */
    selfTraining: z
      .object({ minAgreement: z.number().gt(0).max(1).default(1), minQuality: z.number().min(0).max(1).optional() })
      .strict()
      .nullable()
      .prefault({}),
    annotator: SftAnnotatorSchema.prefault({ kind: "oracle" }),
    /** How a selection is measured: coverage of this many k-means clusters of the pool, and near-duplicates above this cosine. */
    evaluation: z
      .object({ clusters: z.number().int().min(2).max(1000).default(20), duplicateThreshold: z.number().min(0.5).max(1).default(0.9) })
      .strict()
      .prefault({}),
    stopping: z
      .object({
        maxExamples: z.number().int().positive().default(50),
        maxUsd: z.number().positive().optional(),
        maxRounds: z.number().int().positive().optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.annotator.kind === "none" && config.selfTraining === null)
      ctx.addIssue({ code: "custom", path: ["annotator"], message: 'with selfTraining null, "none" would keep no example: give an annotator' });
    const fee = config.annotator.kind === "oracle" || config.annotator.kind === "human" ? config.annotator.feeUsd : undefined;
    if (fee !== undefined && config.stopping.maxUsd !== undefined && fee > config.stopping.maxUsd)
      ctx.addIssue({ code: "custom", path: ["stopping", "maxUsd"], message: `$${config.stopping.maxUsd} cannot pay for one response ($${fee})` });
  });

export type SftConfig = z.infer<typeof SftConfigSchema>;
export type SftConfigInput = z.input<typeof SftConfigSchema>;

/** Validates an active-SFT config from any source (CLI, JSON, Studio), naming every bad field. */
export const parseSftConfig: (input: unknown) => SftConfig = configParser(SftConfigSchema, "active-SFT");

/** The one accessor nodes read the config through: the one initialize echoed into the state. */
export function sftConfigOf(state: { readonly config?: SftConfig }): SftConfig {
  if (!state.config) throw new Error("the state has no active-SFT config: initialize has not run on this thread");
  return state.config;
}

/** The LLM that judges pair quality. */
export function qualityLlm(config: SftConfig): LlmConfig {
  return config.quality.llm ?? config.responder.llm;
}

/** Whether the run scores pairs with Ask-LLM: its strategy ranks by quality, or self-training has a quality bar. */
export function scoresQuality(config: SftConfig): boolean {
  return (SFT_STRATEGIES[config.strategy].needs as readonly string[]).includes("quality") || config.selfTraining?.minQuality !== undefined;
}

/** Every LLM the run may call. */
export function sftLlmRoles(config: SftConfig): LlmConfig[] {
  return [config.responder.llm, ...(scoresQuality(config) ? [qualityLlm(config)] : []), ...(config.annotator.kind === "llm" ? [config.annotator.llm] : [])];
}
