import type { z } from "zod";
import type { StopSignals } from "../metrics/roundMetrics.js";
import type { StoppingCriterion } from "./types.js";

/** A CLI flag that sets one setting of a criterion (`--stop-kappa 0.99` sets kappa.threshold). */
export interface CriterionFlag {
  /** As commander takes it: `--stop-kappa <k>`. */
  readonly flags: string;
  readonly setting: string;
  readonly description: string;
  readonly parse: "integer" | "decimal" | "text";
  /** Whether the flag alone turns the criterion on (a run with it needs no other stopping rule). */
  readonly turnsOn: boolean;
}

/**
 * A learning stopping criterion as the registry declares it (small-text's `stopping_criteria/`,
 * one criterion a file with its paper): its config key and settings, how it is built, how much
 * history it needs, what it needs of the run, its CLI flags and the signal it shows. Everything
 * that uses criteria (the config schema and its checks, the CLI, the learning-curve table) reads
 * these, so adding a criterion touches its own file and its line in the registry.
 */
export interface CriterionDefinition<N extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: N;
  readonly settings: S;
  readonly build: (settings: z.infer<S>) => StoppingCriterion;
  /** Query rounds of history it needs before it can fire, and the setting that sets that number. */
  readonly history?: (settings: z.infer<S>) => { readonly setting: string; readonly rounds: number };
  /** What it needs of the run: a test split to measure on; labels that cost money. */
  readonly needs?: { readonly testSplit?: boolean; readonly paidLabels?: boolean };
  /** Checks against the rest of the run config: a message when the criterion cannot work in it. */
  readonly check?: (run: { readonly annotator: { readonly kind: string; readonly review?: { readonly spotCheckRate: number } } }) => string | null;
  readonly flags?: readonly CriterionFlag[];
  /** The signal it reads, as a learning-curve column. */
  readonly column?: { readonly head: string; readonly cell: (signals: StopSignals) => string };
}

/** Declares a criterion with its literal name kept, so the config schema knows each key's settings. */
export function defineCriterion<const N extends string, S extends z.ZodType>(definition: CriterionDefinition<N, S>): CriterionDefinition<N, S> {
  return definition;
}
