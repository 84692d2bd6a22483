import { InvalidArgumentError } from "commander";
import type { LlmConfig } from "../tools/llm/config.js";
import { localChatLlm } from "../tools/localModels/localChatLlm.js";
import { LOCAL_MODELS } from "../tools/localModels/manifest.js";

const LOCAL_CHAT = [LOCAL_MODELS.smollm2, LOCAL_MODELS.gemma3] as const;

/**
 * An LLM named on the command line: `simulated:<model>` (the offline simulator priced as that
 * model), `openai:<model>` (OpenAI, OPENAI_API_KEY from the environment), or `local:<name>` (a GGUF
 * model from scripts/install-models.sh, in-process through llama.cpp, free).
 */
export function llmFromSpec(spec: string): Partial<LlmConfig> {
  const [provider, ...rest] = spec.split(":");
  const model = rest.join(":");
  if (!model) throw new InvalidArgumentError(`"${spec}": give provider:model (simulated:gpt-4o-mini, openai:gpt-4o-mini, local:${LOCAL_CHAT[0]})`);
  if (provider === "simulated" || provider === "openai") return { provider, model };
  if (provider === "local") {
    if (!(LOCAL_CHAT as readonly string[]).includes(model)) throw new InvalidArgumentError(`"${model}": local models are ${LOCAL_CHAT.join(", ")}`);
    // Provider llama-cpp, as `activegraph run --llm-provider llama-cpp`: loaded when the graph first calls it.
    return localChatLlm(model);
  }
  throw new InvalidArgumentError(`"${spec}": the provider is simulated, openai or local`);
}

/** A comma-separated list of LLM specs. */
export function llmsFromSpecs(specs: string): Array<Partial<LlmConfig>> {
  return specs.split(",").map((spec) => llmFromSpec(spec.trim()));
}
