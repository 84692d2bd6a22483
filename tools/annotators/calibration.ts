import { z } from "zod";

/**
 * What the value router knows about how often an annotator is right, as a function of the
 * confidence it states: a calibration curve with its uncertainty. The confidence range is cut into
 * CALIBRATION_BINS equal bins; each bin holds the counts of checked labels that were right and
 * wrong, and its reliability is the Beta posterior over them. The counts are checkpointed in the
 * graph state (they only grow), so a resumed run routes from exactly what the uninterrupted one knew.
 */
export const CALIBRATION_BINS = 10;

/** One annotator's checked labels per confidence bin. */
export const CalibrationCountsSchema = z
  .object({
    right: z.array(z.number().int().min(0)).length(CALIBRATION_BINS),
    wrong: z.array(z.number().int().min(0)).length(CALIBRATION_BINS),
  })
  .strict();
export type CalibrationCounts = z.infer<typeof CalibrationCountsSchema>;

/** Per annotator (an LLM's key, e.g. "simulated:gpt-4o-mini"). */
export const CalibrationSchema = z.record(z.string(), CalibrationCountsSchema);
export type Calibration = z.infer<typeof CalibrationSchema>;

/** One checked label: a person answered an item whose machine label (and its confidence) they saw. */
export const CalibrationObservationSchema = z.object({ annotator: z.string().min(1), confidence: z.number().min(0).max(1), right: z.boolean() }).strict();
export type CalibrationObservation = z.infer<typeof CalibrationObservationSchema>;

/**
 * The curve a machine label is read against: its annotator's own, or, when the value route splits by
 * agreement, the annotator's labels that the target model agreed with apart from those it did not.
 * A label the model also predicts is more often right than one it contradicts at the same stated
 * confidence; a confidence threshold cannot see that, a curve per side can.
 */
export function calibrationKey(annotator: string, targetAgrees?: boolean): string {
  if (targetAgrees === undefined) return annotator;
  return `${annotator} | target model ${targetAgrees ? "agrees" : "disagrees"}`;
}

export function confidenceBin(confidence: number): number {
  return Math.min(CALIBRATION_BINS - 1, Math.max(0, Math.floor(confidence * CALIBRATION_BINS)));
}

const zeros = () => Array.from({ length: CALIBRATION_BINS }, () => 0);

/** The state reducer: observations add to the counts (never replace them). */
export function addObservations(current: Calibration, observations: readonly CalibrationObservation[]): Calibration {
  const next: Calibration = { ...current };
  const copied = new Set<string>();
  for (const { annotator, confidence, right } of observations) {
    if (!copied.has(annotator)) {
      next[annotator] = cloneCounts(current[annotator]);
      copied.add(annotator);
    }
    (right ? next[annotator].right : next[annotator].wrong)[confidenceBin(confidence)] += 1;
  }
  return next;
}

function cloneCounts(counts: CalibrationCounts | undefined): CalibrationCounts {
  return counts ? { right: [...counts.right], wrong: [...counts.wrong] } : { right: zeros(), wrong: zeros() };
}

/** A Beta posterior over the chance that a label is right. */
export interface Reliability {
  readonly mean: number;
  readonly std: number;
  /** Checked labels behind it (without the prior). */
  readonly checked: number;
  /** The std of the prior alone: std / priorStd is how much of the doubt the checks have not yet removed. */
  readonly priorStd: number;
}

/**
 * The reliability of `annotator`'s labels stated at `confidence`. The prior is Beta centred on the
 * bin's own confidence (as if the annotator were calibrated) with `priorStrength` pseudo-labels:
 * before any check the router trusts stated confidences, and checks then pull each bin to what
 * people found.
 */
export function reliability(calibration: Calibration, annotator: string, confidence: number | null, priorStrength: number): Reliability {
  // An unknown confidence is read as the lowest bin: nothing vouches for the label.
  const bin = confidenceBin(confidence ?? 0);
  const centre = (bin + 0.5) / CALIBRATION_BINS;
  const counts = calibration[annotator];
  const right = counts?.right[bin] ?? 0;
  const wrong = counts?.wrong[bin] ?? 0;
  return betaPosterior(centre, priorStrength, right, wrong);
}

/** Beta(priorStrength·priorMean + right, priorStrength·(1 − priorMean) + wrong): its mean, std and the prior's std. */
export function betaPosterior(priorMean: number, priorStrength: number, right: number, wrong: number): Reliability {
  const a = priorStrength * priorMean + right;
  const b = priorStrength * (1 - priorMean) + wrong;
  const n = a + b;
  return {
    mean: a / n,
    std: Math.sqrt((a * b) / (n * n * (n + 1))),
    checked: right + wrong,
    priorStd: Math.sqrt((priorMean * (1 - priorMean)) / (priorStrength + 1)),
  };
}

/**
 * How many answers each machine annotator gave per stated-confidence bin, checked or not: what the
 * value route's cascade expects of a strong model's next answer (tools/annotators/valueCascade.ts).
 */
export const StatedConfidencesSchema = z.record(z.string(), z.array(z.number().int().min(0)).length(CALIBRATION_BINS));
export type StatedConfidences = z.infer<typeof StatedConfidencesSchema>;
export const StatedConfidenceSchema = z.object({ annotator: z.string().min(1), confidence: z.number().min(0).max(1) }).strict();
export type StatedConfidence = z.infer<typeof StatedConfidenceSchema>;

/** The state reducer: answers add to the counts. */
export function addStated(current: StatedConfidences, answers: readonly StatedConfidence[]): StatedConfidences {
  const next: StatedConfidences = { ...current };
  const copied = new Set<string>();
  for (const { annotator, confidence } of answers) {
    if (!copied.has(annotator)) {
      next[annotator] = [...(current[annotator] ?? zeros())];
      copied.add(annotator);
    }
    next[annotator][confidenceBin(confidence)] += 1;
  }
  return next;
}
