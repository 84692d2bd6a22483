import type { RunConfig } from "../../runtime/config/runConfig.js";
import type { RunResources } from "../../runtime/workspace/workspace.js";
import type { Update } from "../../graphs/activeLearning/state.js";

/** Where a chosen batch waits: in `batch` for the oracle and LLMs, in the human queue for people. */
export function queueForAnnotation(
  config: RunConfig,
  run: RunResources,
  ids: readonly string[],
  notes: Readonly<Record<string, string[]>> = {},
): Pick<Update, "batch" | "humanQueue"> {
  if (config.annotator.kind !== "human") return { batch: [...ids] };
  return {
    batch: [],
    humanQueue: {
      add: ids.map((id) => ({ id, text: run.pool.texts[run.pool.indexOf(id)], reason: "annotation", ...(notes[id]?.length ? { rationales: notes[id] } : {}) })),
    },
  };
}
