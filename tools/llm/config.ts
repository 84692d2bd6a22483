import { z } from "zod";
import { PriceSchema } from "./prices.js";

/**
 * Faults and delays the simulated model produces on request, so that retries, timeouts, budgets
 * and rejection sampling are exercised offline.
 */
export const SimulationSchema = z
  .object({
    latencyMs: z.number().min(0).default(0),
    /** Share of calls that fail with HTTP 500. */
    failureRate: z.number().min(0).max(1).default(0),
    /** Share of calls refused with HTTP 429. */
    rateLimitRate: z.number().min(0).max(1).default(0),
    /** Share of replies that are not valid JSON. */
    malformedRate: z.number().min(0).max(1).default(0),
    /** Share of answers whose label is outside the label set. */
    offLabelRate: z.number().min(0).max(1).default(0),
    /** Share of generated texts drawn from another class than the one asked for. */
    offClassRate: z.number().min(0).max(1).default(0.15),
    /**
     * Share of the reservoir this model learned from (default by model: 1 for gpt-4o-class models,
     * 0.5 for mini, 0.25 for nano). Different models learn from different draws, so their errors differ.
     */
    knowledge: z.number().min(0.01).max(1).optional(),
    /**
     * How much more peaked the model's answers are than its teacher's probabilities: its token
     * distribution is the teacher's raised to this power and renormalized. LLMs answer with more
     * conviction than a regularized linear model; 1 keeps the teacher's probabilities.
     */
    sharpness: z.number().min(0.1).max(10).default(2),
    /**
     * How far the model follows the demonstrations in its prompt (simulated in-context learning):
     * its answer distribution is (1 − w) × its own + w × the demonstrations' labels weighted by their
     * TF-IDF cosine to the item. 0 (the default) ignores them, as the simulator always has; a real
     * LLM's dependence on its demonstrations is what this stands for, not a measurement of it.
     */
    demonstrationWeight: z.number().min(0).max(1).default(0),
  })
  .strict();
export type Simulation = z.infer<typeof SimulationSchema>;

/**
 * A chat model: `openai` is ChatOpenAI (OpenAI, or any OpenAI-compatible server through `baseUrl`:
 * vLLM, Ollama, llama.cpp); `simulated` is activegraph's offline SimulatedChatModel, priced as the
 * model it names; `custom` is any LangChain chat model registered in code (registerChatModel). API keys come from the environment (OPENAI_API_KEY), never from here, so no
 * secret reaches a checkpoint.
 */
export const LlmSchema = z
  .object({
    provider: z.enum(["openai", "simulated", "custom"]).default("simulated"),
    model: z.string().min(1).default("gpt-4o-mini"),
    baseUrl: z
      .url()
      .refine((value) => {
        const url = new URL(value);
        return !url.username && !url.password && ![...url.searchParams.keys()].some((key) => /key|token|secret|password|auth/i.test(key));
      }, "must not carry credentials (user:password@, or a key in the query): set OPENAI_API_KEY instead, so no secret reaches the state, checkpoints or results")
      .optional(),
    temperature: z.number().min(0).max(2).default(0),
    maxTokens: z.number().int().positive().default(512),
    timeoutMs: z.number().int().positive().default(60_000),
    /** Retries after a 429, a 5xx or a timeout, with exponential backoff from retryBaseMs. */
    maxRetries: z.number().int().min(0).max(10).default(3),
    retryBaseMs: z.number().min(0).default(500),
    /** Calls in flight at once. */
    concurrency: z.number().int().positive().max(256).default(4),
    /** Ask for token log-probabilities (used for calibrated confidence where the provider returns them). */
    logprobs: z.boolean().default(true),
    price: PriceSchema.optional(),
    simulation: SimulationSchema.prefault({}),
  })
  .strict();
export type LlmConfig = z.infer<typeof LlmSchema>;

/** The ledger's name for a model: simulated ones are marked as such everywhere money is shown. */
export function modelKey(llm: Pick<LlmConfig, "provider" | "model">): string {
  return llm.provider === "simulated" ? `simulated:${llm.model}` : llm.model;
}
