import type { RunConfig } from "./runConfig.js";
import type { State } from "../../graphs/activeLearning/state.js";

/** The config echoed by initialize; every node after it can rely on it. */
export function requireConfig(state: State): RunConfig {
  if (!state.config) throw new Error("the state has no run config: initialize has not run on this thread");
  return state.config;
}
