import { mostSimilar } from "../../tools/embed/similarity.js";
import { selectRows } from "../../tools/linalg/csr.js";
import type { LabeledTexts } from "./labeledTexts.js";
import type { Workspace } from "./workspace.js";

export type Demonstration = { readonly text: string; readonly label: string };

/**
 * k-NN demonstrations (LLMaAA, Zhang et al. 2023): for each call, the labeled examples nearest its
 * pool items by cosine over TF-IDF, taken in turn from each item's list so every item of a
 * multi-item call is represented. The one function behind the annotator node and the benchmarks.
 */
export function demonstrationsFor(workspace: Workspace, labeled: LabeledTexts, calls: ReadonlyArray<readonly string[]>, k: number): Demonstration[][] {
  if (k === 0 || labeled.items.length === 0) return calls.map(() => []);
  const queries = selectRows(
    workspace.poolFeatures,
    calls.flat().map((id) => workspace.pool.indexOf(id)),
  );
  const nearest = mostSimilar(queries, labeled.rows, k);
  let at = 0;
  return calls.map((ids) => {
    const lists = ids.map(() => nearest[at++]);
    const chosen: number[] = [];
    for (let rank = 0; chosen.length < k && rank < k; rank++) {
      for (const list of lists) if (list[rank] !== undefined && !chosen.includes(list[rank]) && chosen.length < k) chosen.push(list[rank]);
    }
    return chosen.map((index) => ({ text: labeled.items[index].text, label: labeled.items[index].label }));
  });
}
