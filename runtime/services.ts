import { BoundedCache } from "../tools/boundedCache.js";
import type { LlmConfig } from "../tools/llm/config.js";
import type { LlmClient } from "../tools/llm/llmClient.js";
import type { SpendJournal } from "../tools/llm/spendJournal.js";
import type { RunConfig } from "./config/runConfig.js";
import { LlmClients, type TeacherSource } from "./llm/clients.js";
import { checkLocalModels } from "./llm/localModels.js";
import { checkConfigAgainstData } from "./workspace/checkAgainstData.js";
import { Workspace, workspaceKey } from "./workspace/workspace.js";

/** Workspaces a process keeps loaded: a benchmark worker moves between datasets one at a time. */
const MAX_WORKSPACES = 3;

/**
 * What the nodes of a graph use that is not checkpointed: workspaces (the data, features, models,
 * vectors and index a run derives from its config) and LLM clients. Each compiled graph gets its
 * own, injected through the graph factory, so two graphs in one process (or two tests) never
 * share a cache by accident; a graph serving many runs shares them across runs of the same data.
 */
export interface Services {
  /** The workspace for a config, loaded on first use, and the config checked against its data and the local models it names. */
  workspace(config: RunConfig): Promise<Workspace>;
  /** The client for one LLM role of a run (a simulated LLM learns from the workspace's, or prompt pool's, reservoir). */
  llm(config: Pick<RunConfig, "llmCache">, llm: LlmConfig, workspace: TeacherSource): LlmClient;
  /** Where a run's paid calls are journaled (runtime/llm/taskSpend.ts). */
  spendJournal(config: Pick<RunConfig, "llmCache">): SpendJournal;
  /** Closes what holds files open (the LLM response caches and spend journals). */
  close(): void;
}

export function createServices(): Services {
  const workspaces = new BoundedCache<string, Promise<Workspace>>(MAX_WORKSPACES);
  const clients = new LlmClients();
  return {
    async workspace(config) {
      const workspace = await workspaces.getOrCreate(workspaceKey(config), () => Workspace.load(config));
      checkConfigAgainstData(config, workspace);
      await checkLocalModels(config);
      return workspace;
    },
    llm: (config, llm, workspace) => clients.clientFor(config, llm, workspace),
    spendJournal: (config) => clients.journalFor(config),
    close: () => clients.close(),
  };
}
