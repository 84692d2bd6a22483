import { rngFor, shuffleInPlace } from "../random.js";
import type { Dataset, LabeledText } from "./dataset.js";

/**
 * A seeded share of train held out of the pool: the gold labels an offline simulated LLM learns
 * from. The draw depends on the dataset only, not the run's seed, so every run and benchmark cell
 * on a dataset faces the same pool and the same simulated LLM.
 */
export function splitReservoir(dataset: Dataset, share: number, max: number): { pool: LabeledText[]; reservoir: LabeledText[] } {
  const order = shuffleInPlace(Array.from(dataset.train.keys()), rngFor(0, "reservoir", dataset.name));
  const held = new Set(order.slice(0, Math.min(max, Math.floor(share * dataset.train.length))));
  return {
    pool: dataset.train.filter((_, i) => !held.has(i)),
    reservoir: dataset.train.filter((_, i) => held.has(i)),
  };
}
