import { ConfigError } from "../../tools/errors.js";
import type { LlmConfig } from "../../tools/llm/config.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { resolveLocalModel } from "../../tools/localModels/modelReference.js";
import { llmRoles, type RunConfig } from "../config/runConfig.js";

/**
 * A run with a local model (provider `llama-cpp`) is refused before it starts, in one line, when
 * the model is not installed (or its file is missing) or node-llama-cpp is not: what to install.
 */
export async function checkLocalModels(config: RunConfig): Promise<void> {
  await checkLocalLlms(llmRoles(config));
}

/** The same check for any graph's LLM roles (the paradigm graphs list theirs: sftLlmRoles, preferenceLlmRoles…). */
export async function checkLocalLlms(llms: ReadonlyArray<Pick<LlmConfig, "provider" | "model">>): Promise<void> {
  const local = llms.filter((llm) => llm.provider === "llama-cpp");
  if (local.length === 0) return;
  for (const llm of local) resolveLocalModel(llm.model);
  const missing = await nodeLlamaCppMissing();
  if (missing) throw new ConfigError(missing);
}
