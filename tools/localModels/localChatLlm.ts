import { type LlmConfig, LlmSchema } from "../llm/config.js";

/**
 * An LLM config for a local GGUF chat model that scripts/install-models.sh installed (or a `.gguf`
 * file): provider `llama-cpp`, the same path a run's `--llm-provider llama-cpp` takes, so the model
 * is loaded in this process once by the run's LLM clients (runtime/llm/clients.ts), priced at 0
 * (its compute time goes into the ledger as seconds). One call at a time (llama.cpp serves one
 * sequence here), on `threads` CPU threads, with a timeout a busy machine cannot hit and one retry.
 * Whether the model is installed is checked when a run starts (runtime/llm/localModels.ts).
 */
export function localChatLlm(model: string, options: { threads?: number; maxTokens?: number } = {}): LlmConfig {
  return LlmSchema.parse({
    provider: "llama-cpp",
    model,
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    timeoutMs: 600_000,
    maxRetries: 1,
    retryBaseMs: 100,
    concurrency: 1,
    llamaCpp: { threads: options.threads ?? 1 },
  });
}
