import type { Runtime } from "@langchain/langgraph";
import type { IclState, IclUpdate } from "../../graphs/activeIcl/state.js";
import { loopConfigOf, parseIclConfig } from "../../runtime/config/iclConfig.js";
import { fewShotCallUsd } from "../../runtime/icl/budget.js";
import type { Services } from "../../runtime/services.js";
import { ConfigError } from "../../tools/errors.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { iclStrategy } from "../../tools/strategies/icl/registry.js";

/**
 * Initialize: validate the ICL config (from the context, or `icl` in the input), load the data,
 * draw the test inputs the learner will be evaluated on (a seeded sample of the test split), and
 * refuse a run whose USD budget cannot pay for that evaluation, before anything is paid for.
 */
export const initializeIcl =
  (services: Services) =>
  async (state: IclState, runtime: Runtime<Record<string, unknown>>): Promise<IclUpdate> => {
    const started = performance.now();
    if (state.labels.length > 0 || state.testItems.length > 0) {
      throw new ConfigError("this thread has already started: resume it (no input) instead of starting it again");
    }
    const input = runtime.context && Object.keys(runtime.context).length > 0 ? runtime.context : state.icl;
    if (!input) throw new ConfigError("no icl config: pass it as the run's context, or as `icl` in the input");
    const icl = parseIclConfig(input);
    const loop = loopConfigOf(icl);
    const workspace = await services.workspace(loop);
    const test = workspace.test;
    if (!test) throw new ConfigError(`dataset: ${workspace.name} has no test split, and active ICL is judged on one (give dataset.test)`);
    const testSize = Math.min(icl.evaluation.testSize, test.texts.length);
    const testItems = shuffleInPlace(Array.from(test.texts.keys()), rngFor(icl.seed, "icl-test"))
      .slice(0, testSize)
      .sort((a, b) => a - b);
    const client = services.llm(loop, icl.learner, workspace);
    if (!client.scoresText && iclStrategy(icl.strategy).needs.includes("perplexity"))
      throw new ConfigError(
        `strategy: ${icl.strategy} reads the learner's perplexity, and ${client.key} only generates (use a local llama.cpp model or the simulator)`,
      );
    if (icl.budget.maxUsd !== undefined) {
      const method = icl.inference === "generate" || !client.scoresText ? "generated" : "scored";
      const evaluationUsd = testSize * fewShotCallUsd(icl, loop, workspace, client, method);
      if (evaluationUsd > icl.budget.maxUsd)
        throw new ConfigError(
          `budget.maxUsd: $${icl.budget.maxUsd} cannot pay for the evaluation (${testSize} calls, up to $${evaluationUsd.toFixed(4)}); lower evaluation.testSize or raise the budget`,
        );
    }
    return {
      icl,
      config: loop,
      classes: [...workspace.classes],
      unlabeled: workspace.pool.size,
      testItems,
      stageMs: { initialize: performance.now() - started },
    };
  };
