import { mulberry32 } from "../../tools/random.js";

const TOPICS: Record<string, string[]> = {
  food: "bread soup recipe oven pasta salad cheese garlic bake spicy dessert flour kitchen grill taste sauce chef meal fruit butter".split(" "),
  sport: "goal match team coach score league player stadium referee season tennis keeper sprint medal race trophy pitch fans tackle champion".split(" "),
  tech: "laptop software chip update server cloud battery screen app code network robot phone data browser install pixel router kernel cable".split(" "),
};
const FILLER = "the a of and with this that today new big small good great more very some about after before really just".split(" ");

export interface SyntheticRow {
  id: string;
  text: string;
  label: string;
}

/**
 * A three-topic text dataset whose difficulty is known: each word is on-topic with probability
 * `signal`, else filler or a word of another topic. Fixed-width ids and same-length labels keep
 * record sizes equal across pools, which the checkpoint-size test relies on.
 */
export function syntheticTopics(count: number, seed: number, signal = 0.35, idPrefix = "item"): SyntheticRow[] {
  const rng = mulberry32(seed);
  const labels = Object.keys(TOPICS);
  const rows: SyntheticRow[] = [];
  for (let i = 0; i < count; i++) {
    const label = labels[i % labels.length];
    const length = 6 + rng.int(8);
    const words: string[] = [];
    for (let w = 0; w < length; w++) {
      const r = rng.next();
      if (r < signal) words.push(TOPICS[label][rng.int(TOPICS[label].length)]);
      else if (r < signal + 0.15) {
        const other = labels[rng.int(labels.length)];
        words.push(TOPICS[other][rng.int(TOPICS[other].length)]);
      } else words.push(FILLER[rng.int(FILLER.length)]);
    }
    rows.push({ id: `${idPrefix}-${String(i).padStart(7, "0")}`, text: words.join(" "), label: label.padEnd(5, "_").slice(0, 5) });
  }
  return rows;
}

export function toJsonl(rows: readonly object[]): string {
  return rows.map((row) => JSON.stringify(row)).join("\n") + "\n";
}
