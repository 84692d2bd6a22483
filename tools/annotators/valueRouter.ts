import { z } from "zod";
import { rngFor } from "../random.js";
import { type Calibration, calibrationKey, type Reliability, reliability } from "./calibration.js";
import type { ReviewDecision } from "./review.js";

/**
 * Value-per-dollar routing (`annotator.route: "value"`): after a machine annotator has labeled an
 * item, send it on to whoever is worth their price, instead of cutting at a fixed confidence.
 * Each option's chance of a right label comes from the calibration curve learned from people's
 * checks (calibration.ts); its price from the fee or the tokens it will cost.
 */
export const ValueRouteSchema = z
  .object({
    /**
     * What one label going from wrong to right is worth to you, in USD: an item goes to the option
     * with the highest value × P(right) − price. (A price per point of label accuracy: $0.01 a point
     * is a labelValueUsd of 1.) Ignored when targetAccuracy is set.
     */
    labelValueUsd: z.number().positive().default(1),
    /** The expected share of right labels each wave must reach, bought as cheaply as it can be. */
    targetAccuracy: z.number().min(0).max(1).optional(),
    /**
     * With targetAccuracy: a kept label counts toward the target as right with its curve's P(right)
     * less this many posterior stds. At 0 a wave reaches the target only if the curve is right, and a
     * curve read from a few lucky checks is not: a bin people checked 21 times without a miss reads
     * 0.99, the router keeps every label in it, and checks it too seldom to learn that its labels
     * were 95–97% right. At 1 that doubt is paid off with people's labels, and each of their answers
     * is one more check of the bin.
     */
    targetCaution: z.number().min(0).default(1),
    /** Share of the labels it accepts that it still sends to people, seeded per item: keeps the calibration honest. */
    spotCheckRate: z.number().min(0).max(1).default(0.1),
    /**
     * `adaptive`: a kept label is checked at spotCheckRate × (its reliability's std / the prior's
     * std), so checks go where the curve is still unsure and fade where people have already
     * measured it (a bin's posterior std shrinks as 1/√checks). `fixed`: spotCheckRate everywhere.
     */
    spotChecks: z.enum(["adaptive", "fixed"]).default("adaptive"),
    /**
     * Learn the LLM's calibration apart for the labels the target model agrees with and those it
     * contradicts (the model of the round's start, which costs nothing to ask), so that a
     * contradicted label at a high stated confidence can still go to people.
     */
    byAgreement: z.boolean().default(false),
    /** Pseudo-labels of the prior (a calibrated annotator) per confidence bin. */
    priorStrength: z.number().positive().default(4),
    /** How often people are right (their labels are the checks; they are not checked themselves). */
    humanAccuracy: z.number().min(0).max(1).default(1),
    /**
     * With a cascade (annotator.escalation): how often the strong LLM is believed right before
     * people have checked any of its labels. Its checked labels then take over, at priorStrength.
     */
    strongAccuracy: z.number().min(0).max(1).default(0.9),
  })
  .strict();
export type ValueRoute = z.infer<typeof ValueRouteSchema>;
export const DEFAULT_VALUE_ROUTE: ValueRoute = ValueRouteSchema.parse({});

/** Someone who can give an item its label: P(right) for this item, and the USD it would still cost. */
export interface RouteOption {
  readonly annotator: string;
  readonly pRight: number;
  readonly costUsd: number;
  /**
   * P(right)'s posterior when it is an estimate (a calibration bin): its std, and the std of the
   * prior alone. Absent means P(right) is taken as given (people's accuracy).
   */
  readonly posterior?: Pick<Reliability, "std" | "priorStd">;
}

/** An item to route: options[0] is the label already in hand (its price is paid: cost 0). */
export interface RouteItem {
  readonly id: string;
  readonly options: readonly RouteOption[];
}

export interface RouteChoice {
  readonly id: string;
  /** Index into the item's options. */
  readonly option: number;
  /** Kept, but checked by people anyway: the seeded spot check. */
  readonly spotCheck: boolean;
  readonly pRight: number;
}

/**
 * The choice for each item. With a label value V: the option maximising V·P(right) − price. With a
 * target accuracy: keep the labels in hand, then buy the upgrades with the most expected right
 * labels per dollar first until the wave's expected accuracy reaches the target, each label counted
 * at its P(right) less `targetCaution` stds of its curve's doubt (the greedy
 * solution of the knapsack, optimal up to the last item). Kept labels are spot-checked at the rate
 * asked, by a stream seeded per item, so a resumed wave checks the very same items.
 */
export function routeByValue(items: readonly RouteItem[], route: ValueRoute, seed: number): RouteChoice[] {
  const chosen = items.map((item) => (route.targetAccuracy === undefined ? bestByValue(item, route.labelValueUsd) : 0));
  if (route.targetAccuracy !== undefined) reachTarget(items, chosen, route.targetAccuracy, route.targetCaution);
  return items.map((item, i) => ({
    id: item.id,
    option: chosen[i],
    pRight: item.options[chosen[i]].pRight,
    spotCheck: chosen[i] === 0 && rngFor(seed, "value-spot-check", item.id).next() < spotCheckRate(item.options[0], route),
  }));
}

function spotCheckRate(kept: RouteOption, route: ValueRoute): number {
  if (route.spotChecks === "fixed") return route.spotCheckRate;
  // How much of the prior's doubt the checks have not yet removed (all of it with no posterior).
  const doubt = kept.posterior ? kept.posterior.std / kept.posterior.priorStd : 1;
  return route.spotCheckRate * Math.min(1, Math.max(0, doubt));
}

function bestByValue(item: RouteItem, valueUsd: number): number {
  let best = 0;
  let bestNet = Number.NEGATIVE_INFINITY;
  item.options.forEach((option, o) => {
    const net = valueUsd * option.pRight - option.costUsd;
    if (net > bestNet) [best, bestNet] = [o, net];
  });
  return best;
}

function reachTarget(items: readonly RouteItem[], chosen: number[], target: number, caution: number): void {
  // What an option is counted on for: its P(right), less `caution` stds of what is still unknown of it.
  const counted = (option: RouteOption) => Math.max(0, option.pRight - caution * (option.posterior?.std ?? 0));
  const upgrades: Array<{ item: number; option: number; gain: number; perUsd: number }> = [];
  items.forEach((item, i) => {
    const base = counted(item.options[0]);
    let best: (typeof upgrades)[number] | null = null;
    item.options.forEach((option, o) => {
      const gain = counted(option) - base;
      if (o === 0 || gain <= 0) return;
      const perUsd = option.costUsd > 0 ? gain / option.costUsd : Number.POSITIVE_INFINITY;
      if (!best || perUsd > best.perUsd) best = { item: i, option: o, gain, perUsd };
    });
    if (best) upgrades.push(best);
  });
  upgrades.sort((a, b) => b.perUsd - a.perUsd || a.item - b.item);
  let expected = items.reduce((sum, item) => sum + counted(item.options[0]), 0);
  for (const upgrade of upgrades) {
    if (expected >= target * items.length) break;
    chosen[upgrade.item] = upgrade.option;
    expected += upgrade.gain;
  }
}

/** A machine label as the value route reads it. */
export interface RoutedAnswer {
  readonly id: string;
  readonly model: string;
  readonly confidence: number | null;
  /** Whether the target model predicts the same label; absent when the route does not split by agreement. */
  readonly targetAgrees?: boolean;
}

/**
 * The options of a machine label under the value route: keep it (P(right) from its annotator's
 * calibration at its confidence, on its side of the target model's agreement), or ask a person
 * (humanAccuracy, for the fee).
 */
export function machineOrPeople(answer: RoutedAnswer, calibration: Calibration, route: ValueRoute, humanFeeUsd: number): RouteItem {
  const kept = reliability(calibration, calibrationKey(answer.model, answer.targetAgrees), answer.confidence, route.priorStrength);
  return {
    id: answer.id,
    options: [
      { annotator: answer.model, pRight: kept.mean, costUsd: 0, posterior: kept },
      { annotator: "human", pRight: route.humanAccuracy, costUsd: humanFeeUsd },
    ],
  };
}

/**
 * The value route's review decisions for a wave of machine labels: people get the items worth
 * their fee ("value") and the seeded spot checks; the rest are accepted. People always see the
 * machine's label, so each answer also checks the machine at the confidence it stated.
 */
export function valueDecisions(
  answers: readonly RoutedAnswer[],
  calibration: Calibration,
  route: ValueRoute,
  humanFeeUsd: number,
  seed: number,
): Map<string, ReviewDecision> {
  const choices = routeByValue(
    answers.map((answer) => machineOrPeople(answer, calibration, route, humanFeeUsd)),
    route,
    seed,
  );
  return new Map(
    choices.map((choice): [string, ReviewDecision] => [
      choice.id,
      choice.option > 0
        ? { kind: "human", reason: "value", showSuggestion: true }
        : choice.spotCheck
          ? { kind: "human", reason: "spot-check", showSuggestion: true }
          : { kind: "accept" },
    ]),
  );
}
