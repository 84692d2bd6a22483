import type { State, Update } from "../graphs/activeLearning/state.js";
import { runConfigOf } from "../runtime/config/configOf.js";
import type { Services } from "../runtime/services.js";

/**
 * Train: fit the target model on every label so far. The model is not checkpointed: it is derived
 * from the label records and kept in the workspace, where evaluate and the next select find it.
 */
export const train =
  (services: Services) =>
  async (state: State): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    await (await services.workspace(config)).models.target(config, state.labels, state.generated);
    return { stageMs: { train: performance.now() - started } };
  };
