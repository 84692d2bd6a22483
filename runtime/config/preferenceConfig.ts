import { z } from "zod";
import { type LlmConfig, LlmSchema } from "../../tools/llm/config.js";
import { PREFERENCE_STRATEGIES, PREFERENCE_STRATEGY_NAMES } from "../../tools/preference/strategies.js";
import { promptPoolFields } from "./promptPoolConfig.js";
import { configParser } from "./configParser.js";

/**
 * Who answers a preference question: the simulated person of benchmarks (`oracle`: prefers the
 * response that is right against the gold answer, a tie when both or neither are), an LLM judge
 * (`llm`), or people (`human`, through interrupts).
 */
export const PreferenceAnnotatorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("oracle"), feeUsd: z.number().min(0).default(0.05).describe("USD per preference label") }).strict(),
  z.object({ kind: z.literal("llm"), llm: LlmSchema.prefault({ model: "gpt-4o" }), bothOrders: z.boolean().default(true) }).strict(),
  z.object({ kind: z.literal("human"), feeUsd: z.number().min(0).default(0.05), itemsPerTask: z.number().int().min(1).max(100).default(1) }).strict(),
]);
export type PreferenceAnnotator = z.infer<typeof PreferenceAnnotatorSchema>;

/** Active preference: which pairs of candidate responses are sent for a preference label, to train a reward model. */
export const PreferenceConfigSchema = z
  .object({
    ...promptPoolFields,
    strategy: z.enum(PREFERENCE_STRATEGY_NAMES).default("reward-uncertainty"),
    /** Pairs labeled a round. */
    batchSize: z.number().int().positive().default(10),
    /** The first round's pairs, drawn at random (the reward model has nothing to go on yet). */
    initialSize: z.number().int().positive().default(10),
    /** Candidates a committee judges a round, as a multiple of the batch. */
    shortlistFactor: z.number().int().min(1).max(20).default(4),
    /** Who writes the candidate responses, and how many pairs a prompt gives. */
    candidates: z
      .object({
        generators: z
          .array(LlmSchema)
          .min(1)
          .max(8)
          .prefault([{ model: "gpt-4o-mini" }, { model: "gpt-4.1-nano" }]),
        /** Responses per generator and prompt (distinct seeds). */
        samples: z.number().int().min(1).max(8).default(2),
        /** Of every sample (0: each generator's greedy answer, the same for every sample). */
        temperature: z.number().min(0).max(2).default(1),
        /** Follow the answer with a sentence on why. */
        explain: z.boolean().default(false),
        pairsPerPrompt: z.number().int().min(1).max(28).default(3),
      })
      .strict()
      .prefault({}),
    /** The judge committee of the committee strategy. */
    committee: z
      .object({
        members: z
          .array(LlmSchema)
          .min(2)
          .max(8)
          .prefault([{ model: "gpt-4o-mini" }, { model: "gpt-4.1-nano" }, { model: "gpt-4.1-mini" }]),
        itemsPerCall: z.number().int().min(1).max(20).default(5),
        bothOrders: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** The Bradley–Terry reward model: inverse L2 strength. */
    rewardModel: z
      .object({ C: z.number().positive().default(10) })
      .strict()
      .prefault({}),
    annotator: PreferenceAnnotatorSchema.prefault({ kind: "oracle" }),
    /** Held-out pairs: from this many prompts of the dataset's test split (pairs with exactly one right answer), or a file of {prompt, chosen, rejected}. */
    evaluation: z
      .object({ size: z.number().int().min(1).max(20_000).default(200), file: z.string().min(1).optional() })
      .strict()
      .prefault({}),
    stopping: z
      .object({
        maxLabels: z.number().int().positive().default(60),
        maxUsd: z.number().positive().optional(),
        maxRounds: z.number().int().positive().optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    const fee = config.annotator.kind === "llm" ? undefined : config.annotator.feeUsd;
    if (fee !== undefined && config.stopping.maxUsd !== undefined && fee > config.stopping.maxUsd)
      ctx.addIssue({ code: "custom", path: ["stopping", "maxUsd"], message: `$${config.stopping.maxUsd} cannot pay for one label ($${fee})` });
  });

export type PreferenceConfig = z.infer<typeof PreferenceConfigSchema>;
export type PreferenceConfigInput = z.input<typeof PreferenceConfigSchema>;

/** Validates an active-preference config from any source, naming every bad field. */
export const parsePreferenceConfig: (input: unknown) => PreferenceConfig = configParser(PreferenceConfigSchema, "active-preference");

/** The one accessor nodes read the config through: the one initialize echoed into the state. */
export function preferenceConfigOf(state: { readonly config?: PreferenceConfig }): PreferenceConfig {
  if (!state.config) throw new Error("the state has no active-preference config: initialize has not run on this thread");
  return state.config;
}

/** Every LLM the run may call. */
export function preferenceLlmRoles(config: PreferenceConfig): LlmConfig[] {
  return [
    ...config.candidates.generators,
    ...((PREFERENCE_STRATEGIES[config.strategy].needs as readonly string[]).includes("judges") ? config.committee.members : []),
    ...(config.annotator.kind === "llm" ? [config.annotator.llm] : []),
  ];
}
