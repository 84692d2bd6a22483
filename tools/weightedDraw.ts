/**
 * An untaken index drawn with probability ∝ weight, given u uniform in [0, 1): the D² draw of
 * k-means++ seeding and of BADGE. Uniform among untaken indices when every weight is 0 (every
 * remaining point equals a pick, so any is as good).
 */
export function drawUntaken(weight: Float64Array, taken: Uint8Array, u: number): number {
  let total = 0;
  for (let i = 0; i < weight.length; i++) if (!taken[i]) total += weight[i];
  if (total > 0) {
    let target = u * total;
    let last = -1;
    for (let i = 0; i < weight.length; i++) {
      if (taken[i] || weight[i] <= 0) continue;
      last = i;
      target -= weight[i];
      if (target < 0) return i;
    }
    if (last >= 0) return last;
  }
  let left = 0;
  for (let i = 0; i < taken.length; i++) if (!taken[i]) left++;
  let target = Math.floor(u * left);
  for (let i = 0; i < taken.length; i++) if (!taken[i] && target-- === 0) return i;
  throw new Error("no untaken index left to draw");
}
