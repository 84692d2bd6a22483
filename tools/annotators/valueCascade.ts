import { rngFor } from "../random.js";
import { betaPosterior, CALIBRATION_BINS, type Calibration, type Reliability, reliability } from "./calibration.js";
import { machineOrPeople, type RoutedAnswer, type RouteItem, routeByValue, type ValueRoute } from "./valueRouter.js";

/**
 * The value route's cascade (NoiseAL's cheap-then-strong LLMs, priced): which of the cheap LLM's
 * answers are worth asking a stronger, dearer LLM about, beside keeping them or paying people.
 */

/** The strong LLM of a cascade, as the value route prices it before asking: its key and its price per item. */
export interface StrongOption {
  readonly model: string;
  readonly costUsd: number;
}

/**
 * How often an annotator is right over all it has been checked on, before its confidence for an
 * item is known: a Beta posterior with `priorMean` at `priorStrength` pseudo-labels.
 */
export function overallReliability(calibration: Calibration, annotator: string, priorMean: number, priorStrength: number): Reliability {
  const counts = calibration[annotator];
  const right = counts?.right.reduce((a, b) => a + b, 0) ?? 0;
  const wrong = counts?.wrong.reduce((a, b) => a + b, 0) ?? 0;
  return betaPosterior(priorMean, priorStrength, right, wrong);
}

/**
 * A draw of the strong model's reliability for one item (Thompson sampling, the Beta posterior
 * approximated by a normal): while few of its labels have been checked the draws spread, so some
 * items go to it even when its prior mean loses to people, and people's checks of those answers
 * teach the router what it is worth; as checks accumulate the draws settle on the posterior mean.
 * Seeded per item, so a resumed wave draws the same.
 */
function thompsonDraw(reliability: Reliability, seed: number, id: string): number {
  const rng = rngFor(seed, "value-strong", id);
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.min(1, Math.max(0, reliability.mean + z * reliability.std));
}

/**
 * What asking the strong model leads to, looking one step ahead: its answer comes with a confidence,
 * and the router then keeps it or pays people, whichever is worth more. Averaged over the
 * confidences it has stated so far (`stated`: answers per confidence bin, each bin at its calibrated
 * reliability) and `priorStrength` pseudo-answers at the drawn reliability: the expected P(right) of the label the item ends with,
 * and the expected fee paid to people on top of the strong model's price.
 */
function afterAsking(
  stated: readonly number[],
  calibration: Calibration,
  route: ValueRoute,
  strong: StrongOption,
  drawn: number,
  humanFeeUsd: number,
): { pRight: number; costUsd: number } {
  const people = route.labelValueUsd * route.humanAccuracy - humanFeeUsd;
  let pRight = 0;
  let fees = 0;
  const settle = (p: number, weight: number) => {
    const keep = route.labelValueUsd * p >= people;
    pRight += weight * (keep ? p : route.humanAccuracy);
    fees += weight * (keep ? 0 : humanFeeUsd);
  };
  stated.forEach((answers, bin) => {
    if (answers > 0) settle(reliability(calibration, strong.model, (bin + 0.5) / CALIBRATION_BINS, route.priorStrength).mean, answers);
  });
  settle(drawn, route.priorStrength);
  const n = stated.reduce((a, b) => a + b, 0) + route.priorStrength;
  return { pRight: pRight / n, costUsd: strong.costUsd + fees / n };
}

/**
 * The cheap answers worth asking the strong LLM about. Each item's options are the cheap label in
 * hand, people, and the strong LLM (what asking it leads to, `afterAsking`); an item goes to the
 * strong model when that option wins by value (or buys the most toward the target accuracy).
 * `strong.stated`: the strong model's answers so far per stated-confidence bin (state.stated).
 */
export function worthEscalating(
  answers: readonly RoutedAnswer[],
  calibration: Calibration,
  route: ValueRoute,
  strong: StrongOption & { readonly stated?: readonly number[] },
  humanFeeUsd: number,
  seed: number,
): Set<string> {
  const posterior = overallReliability(calibration, strong.model, route.strongAccuracy, route.priorStrength);
  const items = answers.map((answer): RouteItem => {
    const [keep, human] = machineOrPeople(answer, calibration, route, humanFeeUsd).options;
    const asked = afterAsking(strong.stated ?? [], calibration, route, strong, thompsonDraw(posterior, seed, answer.id), humanFeeUsd);
    return { id: answer.id, options: [keep, human, { annotator: strong.model, ...asked }] };
  });
  return new Set(
    routeByValue(items, route, seed)
      .filter((choice) => choice.option === 2)
      .map((choice) => choice.id),
  );
}
