import { llmRoles, type RunConfig } from "./config/runConfig.js";
import type { Services } from "./services.js";
import type { Workspace } from "./workspace/workspace.js";

/**
 * Everything a run can be refused for before it starts, checked before any checkpoint is written:
 * the config against the data (the workspace loads and checks the dataset), and every LLM role of
 * the run made ready as it will be called (a price for its model, its API key, a registered model).
 */
export async function preflight(services: Services, config: RunConfig): Promise<Workspace> {
  const workspace = await services.workspace(config);
  for (const llm of llmRoles(config)) services.llm(config, llm, workspace);
  return workspace;
}
