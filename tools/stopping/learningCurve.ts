/** A point of a learning curve against money. */
export interface CurvePoint {
  readonly usd: number;
  readonly value: number;
}

/**
 * What the next round is expected to buy, extrapolated from the recent learning curve: a
 * least-squares fit of value = a + b·ln(usd) through the points, the simplest concave curve a few
 * noisy points can pin down (learning curves flatten roughly logarithmically over the range an
 * active-learning run spans; an inverse power law needs more points to fit stably), continued by one
 * round that costs what the recent rounds cost on average. Null when the points cannot say: fewer
 * than two, nothing spent, or no spend between them.
 */
export function nextRoundGain(points: readonly CurvePoint[]): { gain: number; costUsd: number } | null {
  const n = points.length;
  if (n < 2 || points.some((point) => !(point.usd > 0) || !Number.isFinite(point.value))) return null;
  const last = points[n - 1].usd;
  const costUsd = (last - points[0].usd) / (n - 1);
  if (!(costUsd > 0)) return null;
  const xs = points.map((point) => Math.log(point.usd));
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = points.reduce((a, point) => a + point.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    covariance += (xs[i] - meanX) * (points[i].value - meanY);
    variance += (xs[i] - meanX) ** 2;
  }
  if (variance === 0) return null;
  const slope = covariance / variance;
  return { gain: slope * (Math.log(last + costUsd) - Math.log(last)), costUsd };
}
