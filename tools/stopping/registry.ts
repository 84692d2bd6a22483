import { changeCriterion } from "./classificationChange.js";
import { confidenceDropCriterion } from "./confidenceDrop.js";
import { costAwareCriterion } from "./costAware.js";
import { deltaFCriterion } from "./deltaF.js";
import { kappaCriterion } from "./kappa.js";
import { llmAgreementCriterion } from "./llmAgreement.js";
import { uncertaintyCriterion } from "./overallUncertainty.js";
import { plateauCriterion } from "./plateau.js";

/**
 * The learning stopping criteria, by config key, in the order they are tried. Adding one is its
 * own file (settings, the rule, its paper) and a line here.
 */
export const LEARNING_CRITERIA = [
  plateauCriterion,
  costAwareCriterion,
  kappaCriterion,
  changeCriterion,
  deltaFCriterion,
  uncertaintyCriterion,
  llmAgreementCriterion,
  confidenceDropCriterion,
] as const;

export type LearningCriterion = (typeof LEARNING_CRITERIA)[number];
export type LearningCriterionName = LearningCriterion["name"];
export const LEARNING_CRITERION_NAMES = LEARNING_CRITERIA.map((criterion) => criterion.name) as LearningCriterionName[];
