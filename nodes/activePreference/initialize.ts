import type { Runtime } from "@langchain/langgraph";
import type { PreferenceState, PreferenceUpdate } from "../../graphs/activePreference/state.js";
import { parsePreferenceConfig } from "../../runtime/config/preferenceConfig.js";
import type { PromptPools } from "../../runtime/promptPool/promptPools.js";
import { ConfigError } from "../../tools/errors.js";
import { readPreferenceFile } from "../../tools/instructions/instructionFile.js";
import { promptText } from "../../tools/instructions/instructionItem.js";
import { candidatePairs } from "../../tools/preference/candidatePairs.js";
import { rngFor } from "../../tools/random.js";
import { preferencePool } from "./preferencePool.js";

/**
 * Initialize: validate the config, load the prompts, and list what the generators must answer:
 * every pool prompt without candidate responses of its own, then the held-out prompts (the test
 * split's, whose pairs with exactly one right answer measure the reward model). Prompts a file
 * gives two or more responses for become pairs at once, and a file of held-out preferences is read
 * here, so a bad file is refused before anything is paid for.
 */
export const initialize =
  (pools: PromptPools) =>
  async (state: PreferenceState, runtime: Runtime<Record<string, unknown>>): Promise<PreferenceUpdate> => {
    if (state.preferences.length > 0) throw new ConfigError("this thread already has preferences: resume it (no input) instead of starting it again");
    const input = runtime.context && Object.keys(runtime.context).length > 0 ? runtime.context : state.config;
    if (!input) throw new ConfigError("no active-preference config: pass it as the run's context, or as `config` in the input");
    const config = parsePreferenceConfig(input);
    const pool = await preferencePool(pools, config);
    if (config.annotator.kind === "oracle" && !pool.items.some((item) => item.answer))
      throw new ConfigError('annotator "oracle" prefers the response that is right against the gold answer, and these prompts have none: use "human" or "llm"');
    const given = pool.items.filter((item) => item.responses);
    const pairs = given.flatMap((item) =>
      candidatePairs(
        { id: item.id, text: promptText(item) },
        item.responses!.map((response) => ({ response, model: "file" })),
        config.candidates.pairsPerPrompt,
        rngFor(0, "pairs", item.id),
      ),
    );
    const heldOutPrompts = config.evaluation.file ? [] : ((await pool.testPrompts(config.evaluation.size)) ?? []);
    const heldOut = config.evaluation.file
      ? readPreferenceFile(config.evaluation.file).map(({ id, prompt, chosen, rejected }) => ({ id: `held-out:${id}`, prompt, chosen, rejected }))
      : [];
    return {
      config,
      classes: [...pool.classes],
      round: 0,
      roundStartedAt: Date.now(),
      pairs,
      heldOut,
      toGenerate: [...pool.items.filter((item) => !item.responses).map((item) => item.id), ...heldOutPrompts.map((item) => item.id)],
    };
  };
