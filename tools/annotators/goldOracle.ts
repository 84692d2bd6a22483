import type { LabeledText } from "../pool/dataset.js";
import { rngFor } from "../random.js";

export interface OracleAnswer {
  readonly id: string;
  readonly label: string;
}

/**
 * A simulated human annotator that answers from the gold labels, as in classic active-learning
 * benchmarks. With `noiseRate` > 0 it gives a wrong label (uniform over the others) that often;
 * whether an answer is wrong depends only on the seed and the item, so reruns agree.
 */
export class GoldOracle {
  private readonly gold: Map<string, string>;

  constructor(
    items: readonly LabeledText[],
    private readonly labels: readonly string[],
    private readonly noiseRate = 0,
    private readonly seed = 0,
  ) {
    this.gold = new Map(items.map((item) => [item.id, item.label]));
  }

  annotate(ids: readonly string[]): OracleAnswer[] {
    return ids.map((id) => {
      const truth = this.gold.get(id);
      if (truth === undefined) throw new Error(`the oracle has no gold label for "${id}"`);
      const rng = rngFor(this.seed, "oracle-noise", id);
      if (this.noiseRate > 0 && rng.next() < this.noiseRate) {
        const others = this.labels.filter((label) => label !== truth);
        return { id, label: others[rng.int(others.length)] };
      }
      return { id, label: truth };
    });
  }
}
