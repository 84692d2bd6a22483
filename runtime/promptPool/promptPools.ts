import { BoundedCache } from "../../tools/boundedCache.js";
import type { LlmConfig } from "../../tools/llm/config.js";
import type { LlmClient } from "../../tools/llm/llmClient.js";
import type { PromptPoolConfig } from "../config/promptPoolConfig.js";
import type { Services } from "../services.js";
import { PromptPool } from "./promptPool.js";

/** Prompt pools a process keeps loaded. */
const MAX_POOLS = 3;

/**
 * The prompt pools of one compiled instruction graph, loaded on first use and shared by its nodes
 * (and by the runs it serves on the same prompts), with the LLM clients that answer about them.
 */
export interface PromptPools {
  /** The pool a config names; `simulated`: some role of the run uses the simulated LLM. */
  of(config: PromptPoolConfig, simulated: boolean): Promise<PromptPool>;
  /** The client for one LLM role, behind the graph's response caches, retries and prices. */
  llm(config: PromptPoolConfig, llm: LlmConfig, pool: PromptPool): LlmClient;
  /** The graph's services: its spend journal pays the nodes' calls crash-safely (runtime/llm/taskSpend.ts). */
  readonly services: Services;
}

export function promptPools(services: Services): PromptPools {
  const pools = new BoundedCache<string, Promise<PromptPool>>(MAX_POOLS);
  return {
    of: (config, simulated) =>
      pools.getOrCreate(JSON.stringify([config.source, config.features, simulated ? config.simulation : null]), () =>
        PromptPool.load(config, simulated, services),
      ),
    llm: (config, llm, pool) => services.llm(config, llm, pool),
    services,
  };
}
