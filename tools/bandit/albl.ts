import type { Rng } from "../random.js";

/**
 * Active learning by learning (ALBL; Hsu & Lin, AAAI 2015, as libact implements it): the query
 * methods are the experts of an EXP4.P bandit, and its weights learn which one pays. ALBL asks one
 * item at a time, each expert advising an item; here a round queries a batch, so each expert
 * advises its whole batch (one-hot advice over the arms) and EXP4.P reduces to choosing one arm per
 * round. The weights are kept as logarithms: exp() of a few hundred rounds' rewards overflows.
 */
export interface Exp4pSettings {
  /** Rounds the run is expected to take (EXP4.P's T). */
  readonly horizon: number;
  readonly delta: number;
}

/**
 * The least probability any arm gets: ALBL's √(ln N / (K T)), capped at 1/(2K) so that at least
 * half of the mass follows the weights (with few rounds and many arms the formula exceeds 1/K).
 */
export function minProbability(arms: number, horizon: number): number {
  return Math.min(Math.sqrt(Math.log(arms) / (arms * Math.max(1, horizon))), 1 / (2 * arms));
}

/** EXP4.P's query distribution: (1 − K·pmin)·w/W + pmin. */
export function armProbabilities(logWeights: readonly number[], settings: Exp4pSettings): number[] {
  const k = logWeights.length;
  const pmin = minProbability(k, settings.horizon);
  const top = Math.max(...logWeights);
  const w = logWeights.map((lw) => Math.exp(lw - top));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((wi) => (1 - k * pmin) * (wi / total) + pmin);
}

/** One draw from the distribution, from the round's seeded stream. */
export function drawArm(probabilities: readonly number[], rng: Rng): number {
  const u = rng.next();
  let cumulative = 0;
  for (let i = 0; i < probabilities.length; i++) {
    cumulative += probabilities[i];
    if (u < cumulative) return i;
  }
  return probabilities.length - 1;
}

/**
 * EXP4.P's update after arm `chosen` (drawn with `probabilities`) earned `reward` in [0, 1]: the
 * importance-weighted reward r / p for the chosen arm (0 for the others, whose rounds did not
 * happen), plus the variance bonus (1/p_i)·√(ln(N/δ) / (K T)) for every arm, both scaled by pmin/2.
 */
export function updateLogWeights(
  logWeights: readonly number[],
  probabilities: readonly number[],
  chosen: number,
  reward: number,
  settings: Exp4pSettings,
): number[] {
  const k = logWeights.length;
  const pmin = minProbability(k, settings.horizon);
  const bonus = Math.sqrt(Math.log(k / settings.delta) / (k * Math.max(1, settings.horizon)));
  return logWeights.map((lw, i) => {
    const rewardEstimate = i === chosen ? reward / probabilities[i] : 0;
    return lw + (pmin / 2) * (rewardEstimate + bonus / probabilities[i]);
  });
}
