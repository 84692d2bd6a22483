/**
 * Stopping: every learning criterion as declared in the registry, and the decision the stop node
 * makes, to replay on a learning curve of your own.
 */
export { StoppingConfigSchema, type StoppingConfig } from "../tools/stopping/config.js";
export { type CriterionDefinition, defineCriterion } from "../tools/stopping/criterion.js";
export { combineCriteria, decideStop, hardCriteriaFor, learningCriteriaFor, learningStop, type StoppingRules } from "../tools/stopping/decide.js";
export { LEARNING_CRITERIA, LEARNING_CRITERION_NAMES, type LearningCriterionName } from "../tools/stopping/registry.js";
export type { StopContext, StoppingCriterion, StopReason } from "../tools/stopping/types.js";
