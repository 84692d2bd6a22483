import { ConfigError } from "../../tools/errors.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { resolveLocalModel } from "../../tools/localModels/modelReference.js";
import { llmRoles, type RunConfig } from "../config/runConfig.js";

/**
 * A run with a local model (provider `llama-cpp`) is refused before it starts, in one line, when
 * the model is not installed (or its file is missing) or node-llama-cpp is not: what to install.
 */
export async function checkLocalModels(config: RunConfig): Promise<void> {
  const local = llmRoles(config).filter((llm) => llm.provider === "llama-cpp");
  if (local.length === 0) return;
  for (const llm of local) resolveLocalModel(llm.model);
  const missing = await nodeLlamaCppMissing();
  if (missing) throw new ConfigError(missing);
}
