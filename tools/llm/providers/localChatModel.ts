import { localModel } from "../../localModels/manifest.js";
import type { LlmSchema } from "../config.js";
import { registerChatModel } from "../customModels.js";
import { LlamaCppChatModel } from "./llamaCppChatModel.js";

type LlmConfigInput = import("zod").input<typeof LlmSchema>;

/**
 * An installed local GGUF model (scripts/install-models.sh; tools/localModels/manifest.ts) as an
 * LLM of a run config: the model is loaded in this process through node-llama-cpp, registered
 * under its manifest name, and referred to as a `custom` model priced at zero (it runs on this
 * machine; its compute time is booked as seconds). Registering a name twice keeps the first.
 */
export function localChatModel(name: string, options: { threads?: number; concurrency?: number } = {}): LlmConfigInput {
  const entry = localModel(name);
  if (!registered.has(name)) {
    registerChatModel(name, new LlamaCppChatModel({ model: entry.path, modelName: name, threads: options.threads ?? 1 }));
    registered.add(name);
  }
  return { provider: "custom", model: name, price: { inputPerMTokens: 0, outputPerMTokens: 0 }, concurrency: options.concurrency ?? 1 };
}

const registered = new Set<string>();
