import { tokenize } from "../../embed/tokenize.js";

/**
 * How the simulated LLM learns in context: an assumption of the simulation, not a measurement.
 * Given examples, its answer mixes what it knows (its teacher's distribution, `prior`) with what
 * the examples show:
 *
 *   p(y | x, examples) = (1 − w)·prior(y | x) + w·Σ_{examples e labeled y} a(e) / Σ_e a(e),
 *   a(e) = exp(cos(x, e) / τ),
 *
 * where cos is the cosine of the two texts' word counts. A small τ puts nearly all of the
 * examples' weight on the most similar one, so the model copies the label of the example most like
 * the input (what makes similar demonstrations work: Liu et al. 2022); with no example near, the
 * weight spreads over all of them and the majority label of the prompt pulls (Zhao et al. 2021);
 * a label no example shows gets only its prior share (Min et al. 2022: the label space the
 * examples show matters). Because the simulator's similarity is surface word overlap, and the
 * similarity strategy's vectors come from the same words (TF-IDF, by default), the simulator
 * rewards similarity by construction: its ranking of strategies is no evidence about real models.
 */
export const FEW_SHOT_SIMULATION = { exampleWeight: 0.5, temperature: 0.1 } as const;

type Bag = Map<string, number>;

function bagOf(text: string): Bag {
  const bag: Bag = new Map();
  for (const word of tokenize(text)) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

function cosine(a: Bag, b: Bag): number {
  let dot = 0;
  for (const [word, count] of a) dot += count * (b.get(word) ?? 0);
  const norm = (bag: Bag) => Math.sqrt([...bag.values()].reduce((sum, count) => sum + count * count, 0));
  const denominator = norm(a) * norm(b);
  return denominator > 0 ? dot / denominator : 0;
}

/** The simulated model's distribution over `labels` for `text` given `examples` (the prior alone without any). */
export function fewShotDistribution(
  prior: Float32Array,
  labels: readonly string[],
  text: string,
  examples: ReadonlyArray<{ readonly text: string; readonly label: string }>,
): Float32Array {
  const shown = examples.filter((example) => labels.includes(example.label));
  if (shown.length === 0) return prior;
  const { exampleWeight, temperature } = FEW_SHOT_SIMULATION;
  const input = bagOf(text);
  const attention = shown.map((example) => Math.exp(cosine(input, bagOf(example.text)) / temperature));
  const total = attention.reduce((sum, weight) => sum + weight, 0);
  const out = Float32Array.from(prior, (p) => (1 - exampleWeight) * p);
  shown.forEach((example, i) => {
    out[labels.indexOf(example.label)] += (exampleWeight * attention[i]) / total;
  });
  return out;
}

/**
 * What the simulated model finds surprising, for perplexity: a unigram language model of the
 * texts it learned from (its reservoir), with add-one smoothing; a word it never saw is as rare as
 * a word seen once less than the rarest. Texts of common words have low perplexity, texts of rare
 * or unknown words high, as for a real model.
 */
export class UnigramModel {
  private readonly counts = new Map<string, number>();
  private readonly total: number;

  constructor(texts: Iterable<string>) {
    let total = 0;
    for (const text of texts)
      for (const word of tokenize(text)) {
        this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
        total++;
      }
    this.total = total;
  }

  /** One log-probability per word of `text`. */
  logprobs(text: string): number[] {
    const denominator = this.total + this.counts.size + 1;
    return tokenize(text).map((word) => Math.log(((this.counts.get(word) ?? 0) + 1) / denominator));
  }
}
