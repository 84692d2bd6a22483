import type { IclQueryInput, IclStrategy } from "./types.js";

/**
 * Vote-k's graph: who votes for whom, by position among the graph's nodes. Node v votes for each
 * of its nearest neighbours u; `voters[u]` lists the v.
 */
function votersOf(graph: NonNullable<IclQueryInput["graph"]>, position: ReadonlyMap<number, number>): number[][] {
  const voters: number[][] = Array.from({ length: graph.nodes.length }, () => []);
  for (let v = 0; v < graph.nodes.length; v++)
    for (let j = 0; j < graph.k; j++) {
      const u = position.get(graph.indices[v * graph.k + j]);
      if (u !== undefined) voters[u].push(v);
    }
  return voters;
}

/**
 * The votes as they stand: `selectedTimes[v]` counts the selected items among v's neighbours, and
 * an unselected u scores Σ over its unselected voters v of ρ^(−selectedTimes[v]), so an item whose
 * voters are already near a selected item counts for less (Su et al. 2023, Algorithm 1).
 */
class Votes {
  private readonly selected = new Set<number>();
  private readonly selectedTimes: Float64Array;

  constructor(
    private readonly voters: number[][],
    private readonly discount: number,
    already: Iterable<number>,
  ) {
    this.selectedTimes = new Float64Array(voters.length);
    for (const index of already) this.select(index);
  }

  score(u: number): number {
    if (this.selected.has(u)) return Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (const v of this.voters[u]) if (!this.selected.has(v)) sum += this.discount ** -this.selectedTimes[v];
    return sum;
  }

  select(u: number): void {
    this.selected.add(u);
    for (const v of this.voters[u]) this.selectedTimes[v]++;
  }

  /** The highest-scoring of `among` (ties: the lower pool index), selected; −1 when none is left. */
  pick(among: ArrayLike<number>): number {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < among.length; i++) {
      const score = this.score(among[i]);
      if (score > bestScore || (score === bestScore && best >= 0 && among[i] < best)) {
        bestScore = score;
        best = among[i];
      }
    }
    if (best >= 0 && bestScore > Number.NEGATIVE_INFINITY) this.select(best);
    return bestScore > Number.NEGATIVE_INFINITY ? best : -1;
  }
}

/** The first stage's size: a tenth of the labels, at least one (the paper's M/10). */
export const voteKFirstStage = (target: number) => Math.max(1, Math.round(target / 10));

/**
 * Vote-k (Su et al., ICLR 2023, "Selective Annotation Makes Language Models Better Few-Shot
 * Learners"). On the k-NN graph of the pool (`voteK.neighbors` per item; 150 in the paper) every
 * item votes for its neighbours, and votes from items already near a selected one are discounted
 * by ρ = `voteK.discount` (10) per selected neighbour. Stage 1 greedily selects a tenth of the
 * labels by votes. Stage 2, once those are labeled: the LLM classifies the scored sample with them
 * as demonstrations; the sample, ranked from least to most confident (the top label's
 * probability), is cut into as many equal buckets as there are labels, and the best-voted item of
 * each bucket is selected, from the least confident up, leaving out the most confident tenth. The
 * selection spans confidence levels and stays representative and diverse.
 */
export const voteKIcl: IclStrategy = {
  name: "vote-k",
  summary: "graph votes over the pool's k-NN graph (discounted near selected items), then one per confidence bucket",
  reference: "Su et al., ICLR 2023",
  needs: ["graph", "fewShot"],
  demonstrations: "chosen",
  defaultLabels: (k) => k,
  async next({ round, candidates, scored, labeled, target, capacity, graph, scoring, settings }) {
    if (round > 1 || capacity <= 0) return new Uint32Array();
    if (!graph) throw new Error("vote-k needs the k-NN graph of the pool");
    // The graph spans a seeded sample of the pool (Su et al. vote over 3,000 items): work in its positions.
    const position = new Map(Array.from(graph.nodes, (index, at) => [index, at]));
    const positionsOf = (indices: ArrayLike<number>) => Array.from(indices, (index) => position.get(index)).filter((at): at is number => at !== undefined);
    const votes = new Votes(votersOf(graph, position), settings.voteK.discount, positionsOf(labeled.map((item) => item.index)));
    const picks: number[] = [];
    if (round === 0) {
      const among = positionsOf(candidates);
      const first = Math.min(voteKFirstStage(target), capacity);
      for (let i = 0; i < first; i++) {
        const pick = votes.pick(among);
        if (pick < 0) break;
        picks.push(graph.nodes[pick]);
      }
      return Uint32Array.from(picks);
    }
    const wanted = Math.min(target - labeled.length, capacity);
    if (wanted <= 0) return new Uint32Array();
    if (!scoring) throw new Error("vote-k needs the LLM's label distributions");
    const probs = await scoring.fewShot(labeled, scored);
    const confidence = probs.map((p) => Math.max(...p));
    const order = positionsOf(
      Array.from(scored.keys())
        .sort((a, b) => confidence[a] - confidence[b] || scored[a] - scored[b])
        .map((at) => scored[at]),
    );
    for (let bucket = 0; bucket < target && picks.length < wanted; bucket++) {
      const members = order.slice(Math.floor((bucket * order.length) / target), Math.floor(((bucket + 1) * order.length) / target));
      const pick = votes.pick(members);
      if (pick >= 0) picks.push(graph.nodes[pick]);
    }
    return Uint32Array.from(picks);
  },
};
