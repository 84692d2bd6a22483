/**
 * Query methods: the registry of every built-in (classic selection and LLM selection), `query` and
 * `queryWithUtilities` to run one over candidates, and `registerStrategy` to add your own.
 */
export { checkQueryInput } from "../tools/strategies/checkInput.js";
export {
  COLD_START_NAMES,
  getStrategy,
  query,
  queryWithUtilities,
  registerStrategy,
  STRATEGIES,
  STRATEGY_NAMES,
  type StrategyName,
  strategyNames,
} from "../tools/strategies/registry.js";
export type { CommitteeDisagreement, LlmQuery, QueryInput, QueryMethod, QueryStrategy, StrategyNeed } from "../tools/strategies/types.js";
