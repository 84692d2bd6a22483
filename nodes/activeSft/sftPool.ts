import type { SftConfig } from "../../runtime/config/sftConfig.js";
import { sftLlmRoles } from "../../runtime/config/sftConfig.js";
import type { PromptPool } from "../../runtime/promptPool/promptPool.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";

/** The prompt pool of an active-SFT run (the simulated LLM's reservoir held out when any role uses it). */
export function sftPool(pools: PromptPools, config: SftConfig): Promise<PromptPool> {
  return pools.of(
    config,
    sftLlmRoles(config).some((llm) => llm.provider === "simulated"),
  );
}
