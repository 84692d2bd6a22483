import type { IclStrategy } from "./types.js";

/**
 * In-pool choice by the LLM's perplexity (Margatina et al. 2023): the LLM reads each item of the
 * scored sample, and the k it finds least surprising (lowest perplexity, the default: the examples
 * they found to work, "low uncertainty") become the demonstrations for every test input;
 * `order: "highest"` takes the most surprising, their uncertainty baseline.
 */
export const perplexityIcl: IclStrategy = {
  name: "perplexity",
  summary: "the k items of the scored sample with the lowest LLM perplexity of their text",
  reference: "Margatina et al. 2023 (perplexity as uncertainty; low perplexity best)",
  needs: ["perplexity"],
  demonstrations: "chosen",
  defaultLabels: (k) => k,
  async next({ round, scored, labeled, target, capacity, scoring, settings }) {
    const wanted = Math.min(target - labeled.length, capacity, scored.length);
    if (round > 0 || wanted <= 0) return new Uint32Array();
    if (!scoring) throw new Error("perplexity needs the LLM's text logprobs");
    const perplexity = await scoring.perplexity(scored);
    const sign = settings.perplexity.order === "lowest" ? 1 : -1;
    const order = Array.from(scored.keys()).sort((a, b) => sign * (perplexity[a] - perplexity[b]) || scored[a] - scored[b]);
    return Uint32Array.from(order.slice(0, wanted), (position) => scored[position]);
  },
};
