import type { LabeledText } from "../tools/pool/dataset.js";
import { rngFor, shuffleInPlace } from "../tools/random.js";

/** How every cell of a benchmark runs: the same start, rounds, batch and fees for every strategy. */
export interface Protocol {
  readonly name: string;
  /** Labels in the stratified-random initial set. */
  readonly initialSize: number;
  /** Query rounds after the initial set. */
  readonly rounds: number;
  readonly batchSize: number;
  /** Human fee per label, USD. */
  readonly feeUsd: number;
}

/** Schröder, Niekler & Potthast, "Revisiting uncertainty-based query strategies for active learning with transformers" (ACL Findings 2022). */
export const SCHROEDER_2022: Protocol = { name: "schroeder2022", initialSize: 25, rounds: 20, batchSize: 25, feeUsd: 0.05 };

/** A short tag that changes whenever the protocol does, so results of different protocols never mix. */
export function protocolTag(protocol: Protocol): string {
  return `${protocol.name}:i${protocol.initialSize}:r${protocol.rounds}:b${protocol.batchSize}:f${protocol.feeUsd}`;
}

/**
 * A stratified random sample of ids: classes in proportion to the pool (largest remainders), and
 * every class at least once when the sample is large enough. It reads gold labels of the pool,
 * which only a benchmark may do: the protocol fixes the same start for every strategy.
 */
export function stratifiedSample(items: readonly LabeledText[], size: number, seed: number): string[] {
  const byClass = new Map<string, string[]>();
  for (const item of items) {
    const ids = byClass.get(item.label);
    if (ids) ids.push(item.id);
    else byClass.set(item.label, [item.id]);
  }
  const classes = [...byClass.keys()].sort();
  const shares = classes.map((label) => (size * byClass.get(label)!.length) / items.length);
  const counts = shares.map(Math.floor);
  const order = classes.map((_, i) => i).sort((a, b) => shares[b] - counts[b] - (shares[a] - counts[a]) || a - b);
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < size; i++) counts[order[i % order.length]]++;
  if (size >= classes.length) {
    for (let c = 0; c < classes.length; c++) {
      if (counts[c] > 0) continue;
      const donor = counts.indexOf(Math.max(...counts));
      counts[donor]--;
      counts[c]++;
    }
  }
  const rng = rngFor(seed, "stratified-initial");
  return classes.flatMap((label, c) => shuffleInPlace([...byClass.get(label)!], rng).slice(0, counts[c]));
}
