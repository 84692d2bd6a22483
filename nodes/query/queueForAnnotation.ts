import type { Update } from "../../graphs/activeLearning/state.js";
import type { RunConfig } from "../../runtime/config/runConfig.js";
import type { Workspace } from "../../runtime/workspace/workspace.js";

/** Where a chosen batch waits: in `batch` for the oracle and LLMs, in the human queue for people. */
export function queueForAnnotation(
  config: RunConfig,
  workspace: Workspace,
  ids: readonly string[],
  notes: Readonly<Record<string, string[]>> = {},
): Pick<Update, "batch" | "humanQueue"> {
  if (config.annotator.kind !== "human") return { batch: [...ids] };
  return {
    batch: [],
    humanQueue: {
      add: ids.map((id) => ({ id, text: workspace.textOf(id), reason: "annotation", ...(notes[id]?.length ? { rationales: notes[id] } : {}) })),
    },
  };
}
