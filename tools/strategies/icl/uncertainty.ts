import type { IclStrategy } from "./types.js";

/** Shannon entropy of a distribution, in nats. */
export function entropyOf(probs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) sum -= probs[i] * Math.log(probs[i]);
  return sum;
}

/**
 * Uncertainty sampling carried into ICL: the LLM classifies the scored sample of the pool with no
 * example in the prompt, and the k items whose label distribution has the highest entropy (its
 * label tokens' probabilities, from logprobs or scored continuations; on the simulator, its
 * probabilities) become the demonstrations for every test input. Margatina et al. 2023 found it
 * does poorly in ICL, unlike in supervised active learning; `order: "least"` takes the most
 * confident instead.
 */
export const uncertaintyIcl: IclStrategy = {
  name: "uncertainty",
  summary: "the k items of the scored sample whose zero-shot label distribution has the highest entropy",
  reference: "Margatina et al. 2023 (uncertainty in ICL); Settles 2009 (entropy sampling)",
  needs: ["zeroShot"],
  demonstrations: "chosen",
  defaultLabels: (k) => k,
  async next({ round, scored, labeled, target, capacity, scoring, settings }) {
    const wanted = Math.min(target - labeled.length, capacity, scored.length);
    if (round > 0 || wanted <= 0) return new Uint32Array();
    if (!scoring) throw new Error("uncertainty needs the LLM's label distributions");
    const probs = await scoring.zeroShot(scored);
    const sign = settings.uncertainty.order === "most" ? 1 : -1;
    const order = Array.from(scored.keys()).sort((a, b) => sign * (entropyOf(probs[b]) - entropyOf(probs[a])) || scored[a] - scored[b]);
    return Uint32Array.from(order.slice(0, wanted), (position) => scored[position]);
  },
};
