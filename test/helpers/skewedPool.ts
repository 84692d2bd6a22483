import { mulberry32 } from "../../tools/random.js";
import type { SyntheticRow } from "./synthetic.js";

/**
 * A binary sentiment pool built to defeat the methods that cover dense regions: every positive
 * item is a near-copy of one of `clusters` templates (dense balls, typical items), every negative
 * item a bag of random words (each its own ball). Both classes carry their sentiment words, so a
 * model given both learns them. ProbCover and TypiClust spend their picks on the templates, the
 * labels fill with positives, and the model predicts one class: the collapse the guard is for.
 */
export function skewedSentimentPool(seed: number, clusters: number, perCluster: number, negatives: number, idPrefix: string): SyntheticRow[] {
  const rng = mulberry32(seed);
  const word = (n: number) => `w${n.toString(36)}`;
  const POSITIVE = ["good", "great", "love", "fine", "fun"];
  const NEGATIVE = ["bad", "awful", "boring", "worst", "dull"];
  const rows: SyntheticRow[] = [];
  for (let c = 0; c < clusters; c++) {
    const template = Array.from({ length: 6 }, (_, j) => word(10_000 + c * 10 + j));
    for (let i = 0; i < perCluster; i++) {
      const words = [...template.filter(() => rng.next() < 0.85), POSITIVE[rng.int(5)], word(rng.int(3000))];
      rows.push({ id: `${idPrefix}p${c}-${i}`, text: words.join(" "), label: "pos" });
    }
  }
  for (let i = 0; i < negatives; i++) {
    const words = [...Array.from({ length: 6 }, () => word(rng.int(3000))), NEGATIVE[rng.int(5)]];
    rows.push({ id: `${idPrefix}n${i}`, text: words.join(" "), label: "neg" });
  }
  return rows;
}
