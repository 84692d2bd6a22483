import { ChangeConfigSchema } from "../tools/stopping/classificationChange.js";
import { CostAwareConfigSchema } from "../tools/stopping/costAware.js";
import { DeltaFConfigSchema } from "../tools/stopping/deltaF.js";
import { KappaConfigSchema } from "../tools/stopping/kappa.js";
import { PlateauConfigSchema } from "../tools/stopping/plateau.js";
import { UncertaintyConfigSchema } from "../tools/stopping/overallUncertainty.js";
import type { StoppingRules } from "../tools/stopping/decide.js";

/** A stopping rule the benchmark judges, with the name its tables show. */
export interface StopCandidate {
  readonly name: string;
  readonly rules: StoppingRules;
}

const plateau = PlateauConfigSchema.parse({});
const kappa = KappaConfigSchema.parse({});

/**
 * The learning criteria the benchmark replays, at their papers' (or small-text's) defaults, fixed
 * before looking at any result: tuning thresholds on the runs they are judged on would flatter them.
 * The cost-aware hybrid is shown at two prices of a point of accuracy, $1 and $10, and with a fit
 * through 3 rounds instead of 10, to show why its default is 10.
 */
export const STOP_CANDIDATES: readonly StopCandidate[] = [
  { name: "budget only", rules: {} },
  { name: "plateau (3 rounds < 0.5 pt)", rules: { plateau } },
  { name: "kappa ≥ 0.99 over 3 rounds", rules: { kappa } },
  { name: "classification change = 0", rules: { change: ChangeConfigSchema.parse({}) } },
  { name: "ΔF < 0.05 for 3 rounds", rules: { deltaF: DeltaFConfigSchema.parse({}) } },
  { name: "overall uncertainty < 5%", rules: { uncertainty: UncertaintyConfigSchema.parse({}) } },
  { name: "cost-aware, $1 a point", rules: { costAware: CostAwareConfigSchema.parse({ minGainPerUsd: 0.01 }) } },
  { name: "cost-aware, $10 a point", rules: { costAware: CostAwareConfigSchema.parse({ minGainPerUsd: 0.001 }) } },
  { name: "cost-aware, $10 a point, 3-round fit", rules: { costAware: CostAwareConfigSchema.parse({ minGainPerUsd: 0.001, window: 3 }) } },
  { name: "kappa or plateau", rules: { kappa, plateau, combine: "any" } },
  { name: "kappa and plateau", rules: { kappa, plateau, combine: "all" } },
];
