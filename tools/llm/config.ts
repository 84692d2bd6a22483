import { z } from "zod";
import { type Price, PriceSchema, priceFor } from "./prices.js";

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
 * How a local GGUF model runs in-process (provider `llama-cpp`), with defaults for a 2-core laptop:
 * one thread (llama.cpp's threads spin while they wait for each other, so on a machine busy with
 * anything else two threads ran far slower than one), a 2,048-token context (prompt and reply
 * together: activegraph splits calls to fit it), and 512 prompt tokens evaluated per step.
 */
export const LlamaCppSchema = z
  .object({
    threads: z.number().int().min(1).max(256).default(1),
    contextSize: z.number().int().min(256).max(131_072).default(2048),
    batchSize: z.number().int().min(1).max(8192).default(512),
    /** Where an `hf:` model reference is downloaded on first use (default: the models folder). */
    downloadDir: z.string().min(1).optional(),
  })
  .strict();
export type LlamaCppSettings = z.infer<typeof LlamaCppSchema>;

/**
 * A chat model: `openai` is ChatOpenAI (OpenAI, or any OpenAI-compatible server through `baseUrl`:
 * vLLM, Ollama, llama.cpp); `simulated` is activegraph's offline SimulatedChatModel, priced as the
 * model it names; `custom` is any LangChain chat model registered in code (registerChatModel);
 * `llama-cpp` is a GGUF model in this process through node-llama-cpp, `model` naming a model the
 * install script put in the models folder (`smollm2-135m-instruct`, `gemma-3-270m`), a `.gguf`
 * file, or a Hugging Face reference (`hf:<user>/<repo>/<file>.gguf`, downloaded on first use). API
 * keys come from the environment (OPENAI_API_KEY), never from here, so no secret reaches a checkpoint.
 */
export const LlmSchema = z
  .object({
    provider: z.enum(["openai", "simulated", "custom", "llama-cpp"]).default("simulated"),
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
    /** USD per 1M tokens; default the price table's, and 0 for a local model (set one to charge for the hardware). */
    price: PriceSchema.optional(),
    /**
     * The model's context window in tokens (prompt and reply): calls are split so that each prompt
     * leaves `maxTokens` for the reply. Default: none for remote models (prompts counted as UTF-8
     * bytes / 2 when set), `llamaCpp.contextSize` for local ones (counted by their own tokenizer).
     */
    contextTokens: z.number().int().min(256).optional(),
    /** Provider `llama-cpp`: threads, context size and batch size (defaults for a 2-core laptop). */
    llamaCpp: LlamaCppSchema.optional(),
    simulation: SimulationSchema.prefault({}),
  })
  .strict();
export type LlmConfig = z.infer<typeof LlmSchema>;

/**
 * The ledger's name for a model: simulated ones are marked as such everywhere money is shown, local
 * ones by their provider and file (`llama-cpp:smollm2-135m-instruct`).
 */
export function modelKey(llm: Pick<LlmConfig, "provider" | "model">): string {
  if (llm.provider === "simulated") return `simulated:${llm.model}`;
  if (llm.provider === "llama-cpp") return `llama-cpp:${localModelName(llm.model)}`;
  return llm.model;
}

/** A local model's short name: the installed model's name, or the file's name without `.gguf`. */
export function localModelName(model: string): string {
  return (model.split(/[\\/:]/).pop() || model).replace(/\.gguf$/i, "");
}

/** What a model's tokens cost: the config's price, else 0 for a local model, else the price table's. */
export function priceOf(llm: Pick<LlmConfig, "provider" | "model" | "price">): Price {
  if (llm.price) return llm.price;
  if (llm.provider === "llama-cpp") return { inputPerMTokens: 0, outputPerMTokens: 0 };
  return priceFor(llm.model);
}

/** Settings of a local model with their defaults. */
export function llamaCppSettings(llm: Pick<LlmConfig, "llamaCpp">): LlamaCppSettings {
  return LlamaCppSchema.parse(llm.llamaCpp ?? {});
}
