import { z } from "zod";
import { PromptSourceSchema } from "../../tools/instructions/promptSource.js";
import { RunConfigSchema } from "./runConfig.js";

/**
 * The fields the instruction graphs (active SFT, active preference) share: where the prompts come
 * from, how they are featurized and embedded, how the offline simulated LLM is trained, and the
 * LLM response cache. Spread into each graph's config schema.
 */
export const promptPoolFields = {
  source: PromptSourceSchema,
  seed: z.number().int().min(0).default(0),
  /** TF-IDF of the prompts' texts (the simulator's teacher, response spread, reward-model features). */
  features: RunConfigSchema.shape.features,
  /** Offline LLMs learn from a reservoir of gold labels held out of the pool (dataset prompts only). */
  simulation: RunConfigSchema.shape.simulation,
  /** Dense vectors of the prompts, for diversity and for the cluster coverage measure. */
  vectors: RunConfigSchema.shape.vectors,
  /** Where LLM responses are cached (SQLite); "off" to disable. Default: the activegraph cache folder. */
  llmCache: z.string().min(1).optional(),
};

const PromptPoolConfigSchema = z.object(promptPoolFields);
export type PromptPoolConfig = z.infer<typeof PromptPoolConfigSchema>;
