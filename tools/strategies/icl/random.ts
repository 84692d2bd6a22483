import { randomSampling } from "../random.js";
import type { IclStrategy } from "./types.js";

/**
 * Random demonstrations, the baseline of both papers: k pool items drawn uniformly, labeled, and
 * shown to every test input. Items whose annotation failed are drawn again.
 */
export const randomIcl: IclStrategy = {
  name: "random",
  summary: "k pool items drawn at random, the same demonstrations for every test input",
  reference: "Brown et al. 2020 (GPT-3's few-shot setting); the baseline of Margatina et al. 2023 and Su et al. 2023",
  needs: [],
  demonstrations: "chosen",
  defaultLabels: (k) => k,
  async next({ candidates, labeled, target, capacity, rng }) {
    const wanted = Math.min(target - labeled.length, capacity);
    if (wanted <= 0) return new Uint32Array();
    return randomSampling({ candidates, rng, numClasses: 0 }, wanted);
  },
};
