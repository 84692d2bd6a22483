import { requireConfig } from "../runtime/config/configOf.js";
import { resolveRun, targetModel } from "../runtime/workspace/workspace.js";
import type { State, Update } from "../graphs/activeLearning/state.js";

/**
 * Train: fit the target model on every label so far. The model is not checkpointed: it is derived
 * from the label records and kept in the process, where evaluate and the next select find it.
 */
export async function train(state: State): Promise<Update> {
  const started = performance.now();
  const config = requireConfig(state);
  targetModel(config, await resolveRun(config), state.labels, state.generated);
  return { stageMs: { train: performance.now() - started } };
}
