/**
 * The bandit's reward for a round: the target model's gain on the validation slice per USD the
 * round spent, mapped to [0, 1] as EXP4.P needs. ALBL rewards importance-weighted accuracy; the slice
 * is a uniform seeded draw, so its importance weights are all equal and it is plain accuracy, and
 * the importance weighting is EXP4.P's r / p. The cost enters by putting the gain at the run's
 * mean price of a round: a round that cost twice the mean must gain twice as much for the same
 * reward. No gain is 0.5; `fullRewardGain` (at the mean price) or more is 1; a loss as large is 0.
 */
export function gainPerUsdReward(gain: number, roundUsd: number, meanRoundUsd: number, fullRewardGain: number): number {
  const price = roundUsd > 0 && meanRoundUsd > 0 ? meanRoundUsd / roundUsd : 1;
  return Math.min(1, Math.max(0, 0.5 + (gain * price) / (2 * fullRewardGain)));
}
