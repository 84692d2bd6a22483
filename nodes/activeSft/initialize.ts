import type { Runtime } from "@langchain/langgraph";
import type { SftState, SftUpdate } from "../../graphs/activeSft/state.js";
import { parseSftConfig, sftLlmRoles } from "../../runtime/config/sftConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { ConfigError } from "../../tools/errors.js";

/**
 * Initialize: validate the config (from the run's context, or `config` in the input), load the
 * prompts and check the config against them, before anything is paid for.
 */
export const initialize =
  (pools: PromptPools) =>
  async (state: SftState, runtime: Runtime<Record<string, unknown>>): Promise<SftUpdate> => {
    if (state.examples.length > 0) throw new ConfigError("this thread already has examples: resume it (no input) instead of starting it again");
    const input = runtime.context && Object.keys(runtime.context).length > 0 ? runtime.context : state.config;
    if (!input) throw new ConfigError("no active-SFT config: pass it as the run's context, or as `config` in the input");
    const config = parseSftConfig(input);
    const pool = await pools.of(
      config,
      sftLlmRoles(config).some((llm) => llm.provider === "simulated"),
    );
    if (config.annotator.kind === "oracle" && config.source.kind === "file" && !pool.items.some((item) => item.response || item.answer))
      throw new ConfigError(`annotator "oracle" writes the file's responses (or its answers), and ${config.source.file} gives none: use "human" or "llm"`);
    return { config, classes: [...pool.classes], poolSize: pool.size, round: 0, roundStartedAt: Date.now() };
  };
