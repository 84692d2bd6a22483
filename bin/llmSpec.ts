import { InvalidArgumentError } from "commander";
import type { LlmConfig } from "../tools/llm/config.js";
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
    // Registered when the command runs (loading node-llama-cpp only then); see localLlms.
    return { provider: "custom", model, concurrency: 1, price: { inputPerMTokens: 0, outputPerMTokens: 0 } };
  }
  throw new InvalidArgumentError(`"${spec}": the provider is simulated, openai or local`);
}

/** A comma-separated list of LLM specs. */
export function llmsFromSpecs(specs: string): Array<Partial<LlmConfig>> {
  return specs.split(",").map((spec) => llmFromSpec(spec.trim()));
}

/** Registers the local models a config names (provider custom, a local model's name), on one thread each. */
export async function registerLocalLlms(llms: ReadonlyArray<Pick<LlmConfig, "provider" | "model">>): Promise<void> {
  const names = new Set(llms.filter((llm) => llm.provider === "custom" && (LOCAL_CHAT as readonly string[]).includes(llm.model)).map((llm) => llm.model));
  if (names.size === 0) return;
  const { localChatLlm } = await import("../tools/localModels/localChatLlm.js");
  for (const name of names) localChatLlm(name as (typeof LOCAL_CHAT)[number]);
}
