import { describe, expect, it } from "vitest";
import { rngFor } from "../random.js";
import { banditStep, type BanditState, ranInstead } from "./banditState.js";

/**
 * Constructed arms: each round the chosen arm moves the validation accuracy by its mean gain plus
 * noise, and costs its price. Returns the bandit after `rounds` rounds.
 */
function play(arms: Record<string, { gain: number; usd: number }>, rounds: number, seed = 5): BanditState {
  const names = Object.keys(arms);
  let bandit: BanditState | null = null;
  let validation = 0.5;
  let usd = 0;
  const noise = rngFor(seed, "noise");
  for (let round = 1; round <= rounds; round++) {
    bandit = banditStep(bandit, { arms: names, round, validation, usd, horizon: rounds, delta: 0.1, fullRewardGain: 0.05, rng: rngFor(seed, "bandit", round) });
    const arm = arms[bandit.choices.at(-1)!.arm];
    validation += arm.gain + 0.02 * (noise.next() - 0.5);
    usd += arm.usd;
  }
  return bandit!;
}

const share = (bandit: BanditState, arm: string, last: number) => bandit.choices.slice(-last).filter((choice) => choice.arm === arm).length / last;

describe("the strategy bandit (ALBL's EXP4.P, reward per USD)", () => {
  // EXP4.P learns at the rate its regret bound allows (√T), so the constructed runs are long.
  it("concentrates on the arm with the best gain", () => {
    const bandit = play({ weak: { gain: 0, usd: 1 }, harmful: { gain: -0.01, usd: 1 }, best: { gain: 0.03, usd: 1 }, fair: { gain: 0.01, usd: 1 } }, 600);
    // Uniform would be 0.25 each.
    expect(share(bandit, "best", 100)).toBeGreaterThan(0.45);
    expect(share(bandit, "harmful", 100)).toBeLessThan(0.2);
    const last = bandit.choices.at(-1)!.probabilities;
    expect(Math.max(...last)).toBe(last[bandit.arms.indexOf("best")]);
  });

  it("prefers, of two arms that gain the same, the cheaper: the reward is gain per dollar", () => {
    const bandit = play({ cheap: { gain: 0.02, usd: 1 }, dear: { gain: 0.02, usd: 4 } }, 600);
    expect(share(bandit, "cheap", 100)).toBeGreaterThan(0.65);
  });

  it("settles each round's reward when the next round starts, and draws the same arm from the same state", () => {
    const bandit = play({ a: { gain: 0.01, usd: 1 }, b: { gain: 0, usd: 1 } }, 10);
    expect(bandit.choices.slice(0, -1).every((choice) => choice.reward !== undefined && choice.usd === 1)).toBe(true);
    expect(bandit.choices.at(-1)!.reward).toBeUndefined();
    const again = play({ a: { gain: 0.01, usd: 1 }, b: { gain: 0, usd: 1 } }, 10);
    expect(again).toEqual(bandit);
  });

  it("does not credit an arm for a round another method ran in its place (the class-coverage guard)", () => {
    const step = { arms: ["a", "b"], horizon: 10, delta: 0.1, fullRewardGain: 0.05 };
    const first = banditStep(null, { ...step, round: 1, validation: 0.5, usd: 0, rng: rngFor(1, "bandit", 1) });
    const settled = (bandit: BanditState) => banditStep(bandit, { ...step, round: 2, validation: 0.6, usd: 1, rng: rngFor(1, "bandit", 2) });
    const credited = settled(first);
    expect(credited.logWeights).not.toEqual(first.logWeights);
    const stoodIn = settled(ranInstead(first, "margin"));
    expect(stoodIn.logWeights).toEqual(first.logWeights);
    expect(stoodIn.choices[0]).toMatchObject({ ranAs: "margin", gain: expect.closeTo(0.1, 9), usd: 1 });
    expect(ranInstead(first, first.choices[0].arm)).toBe(first);
  });
});
