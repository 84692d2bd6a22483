import { type LlmConfig, LlmSchema } from "../llm/config.js";
import { registerChatModel } from "../llm/customModels.js";
import { LlamaCppChatModel } from "../llm/providers/llamaCppChatModel.js";
import { type LOCAL_MODELS, localModel } from "./manifest.js";

type LocalChatName = (typeof LOCAL_MODELS)[keyof typeof LOCAL_MODELS];

/**
 * A local GGUF chat model (from scripts/install-models.sh) registered for run configs as provider
 * `custom`, free (price 0), one call at a time (llama.cpp serves one sequence here), on `threads`
 * CPU threads. Until the run config has a `llama-cpp` provider of its own, this is how the paradigm
 * graphs reach the real models.
 */
export function localChatLlm(name: LocalChatName, options: { threads?: number; maxTokens?: number } = {}): LlmConfig {
  registerChatModel(name, new LlamaCppChatModel({ model: localModel(name).path, modelName: name, threads: options.threads ?? 1, contextSize: 2048 }));
  return LlmSchema.parse({
    provider: "custom",
    model: name,
    maxTokens: options.maxTokens ?? 48,
    // Seconds a call on a busy machine: a generous timeout, and one retry.
    timeoutMs: 600_000,
    maxRetries: 1,
    retryBaseMs: 100,
    concurrency: 1,
    price: { inputPerMTokens: 0, outputPerMTokens: 0 },
  });
}
