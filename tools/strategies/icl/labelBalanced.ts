import { randomSampling } from "../random.js";
import type { IclStrategy, LabeledIndex } from "./types.js";

/** At most this many demonstrations of one class among k, for classes as equal as k allows. */
const quota = (k: number, numClasses: number) => Math.ceil(k / numClasses);

/**
 * The k demonstrations, as even across classes as the labels allow: classes taken in turn (in the
 * order they first appeared), one item each per turn, so the prompt interleaves them; a class
 * with nothing left drops out of the turns. Positions in `labeled`.
 */
function balanced(labeled: readonly LabeledIndex[], k: number): number[] {
  const byClass = new Map<number, number[]>();
  labeled.forEach((item, position) => byClass.set(item.label, [...(byClass.get(item.label) ?? []), position]));
  const queues = [...byClass.values()];
  const chosen: number[] = [];
  for (let turn = 0; chosen.length < k && queues.some((queue) => queue.length > turn); turn++)
    for (const queue of queues) if (turn < queue.length && chosen.length < k) chosen.push(queue[turn]);
  return chosen;
}

/**
 * Label-balanced demonstrations (equal shots per class, as the k-shot prompts of Zhao et al. 2021
 * and Min et al. 2022 are built): random pool items are labeled until k of them can be chosen with
 * at most ⌈k / classes⌉ of one class, or the budget is spent; the balanced k are every test input's
 * demonstrations. Which class an item has is known only once it is labeled, so this takes more
 * labels than k (the default budget allows 3k), and rounds: each asks for the slots still missing.
 */
export const labelBalancedIcl: IclStrategy = {
  name: "label-balanced",
  summary: "random items labeled until k demonstrations with at most ⌈k/classes⌉ of a class can be chosen",
  reference: "Zhao et al. 2021; Min et al. 2022 (class-balanced k-shot prompts)",
  needs: [],
  demonstrations: "chosen",
  defaultLabels: (k) => 3 * k,
  async next({ candidates, labeled, target, capacity, numClasses, rng }) {
    // `target` is k, or the whole budget when each input retrieves its nearest among the labels.
    const cap = quota(target, numClasses);
    const counts = new Map<number, number>();
    for (const item of labeled) counts.set(item.label, (counts.get(item.label) ?? 0) + 1);
    const usable = [...counts.values()].reduce((sum, count) => sum + Math.min(count, cap), 0);
    const wanted = Math.min(target - usable, capacity);
    if (wanted <= 0) return new Uint32Array();
    return randomSampling({ candidates, rng, numClasses }, wanted);
  },
  choose: (labeled, k, numClasses) => {
    const cap = quota(k, numClasses);
    const even = balanced(labeled, k);
    // Within the quota first; beyond it only when the budget ran out before the classes filled.
    const perClass = new Map<number, number>();
    const within = even.filter((position) => {
      const label = labeled[position].label;
      perClass.set(label, (perClass.get(label) ?? 0) + 1);
      return perClass.get(label)! <= cap;
    });
    return within.length >= k ? within.slice(0, k) : even;
  },
};
