import type { Ledger } from "../tools/cost/ledger.js";
import type { RunConfig } from "./config/runConfig.js";

/** Money the run may still spend: the USD budget minus the ledger, or unlimited without one. */
export function remainingUsd(config: RunConfig, ledger: Ledger): number {
  return config.stopping.maxUsd === undefined ? Number.POSITIVE_INFINITY : Math.max(0, config.stopping.maxUsd - ledger.totalUsd);
}
