import type { RunConfig } from "./runConfig.js";

/**
 * The one accessor every node reads its settings through: the validated config that initialize
 * echoed into the state, so a resumed run continues with exactly the config it started with.
 */
export function runConfigOf(state: { readonly config?: RunConfig }): RunConfig {
  if (!state.config) throw new Error("the state has no run config: initialize has not run on this thread");
  return state.config;
}
