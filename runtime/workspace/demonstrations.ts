import { embeddingVectorSpec, type Representation, readsEmbeddings } from "../../tools/embed/representation.js";
import { mostSimilar } from "../../tools/embed/similarity.js";
import { selectRows } from "../../tools/linalg/csr.js";
import { gatherRows } from "../../tools/linalg/dense.js";
import { topSimilar } from "../../tools/linalg/nearest.js";
import type { LabeledTexts } from "./labeledTexts.js";
import type { Workspace } from "./workspace.js";

/** A labeled example for a prompt; `reason` when its annotator gave one (shown only when the annotator asks: Beyond-Labels). */
export type Demonstration = { readonly text: string; readonly label: string; readonly reason?: string };

/**
 * k-NN demonstrations (LLMaAA, Zhang et al. 2023), class-balanced: for each call, the labeled
 * examples nearest its pool items by cosine over TF-IDF, taken in turn from each item's list so
 * every item of a multi-item call is represented, with at most ⌈k / classes⌉ of one class; a class
 * the neighbours leave short is filled from its own labeled examples. Nearest neighbours alone
 * mirror the labels' imbalance, and a language model copies the majority label of its examples
 * (Zhao et al. 2021, "Calibrate before use"): on SMS spam, 13% spam, every demonstration of most
 * messages was "ham". The one function behind the annotator node and the benchmarks.
 */
export function demonstrationsFor(workspace: Workspace, labeled: LabeledTexts, calls: ReadonlyArray<readonly string[]>, k: number): Demonstration[][] {
  if (k === 0 || labeled.items.length === 0) return calls.map(() => []);
  const queries = selectRows(
    workspace.poolFeatures,
    calls.flat().map((id) => workspace.pool.indexOf(id)),
  );
  return interleave(labeled, calls, mostSimilar(queries, labeled.rows, candidatesPerItem(labeled, k)), k);
}

/** Neighbours read per item: enough beyond k for the class cap to choose among. */
function candidatesPerItem(labeled: LabeledTexts, k: number): number {
  const classes = new Set(labeled.items.map((item) => item.label)).size;
  return Math.min(labeled.items.length, k * Math.max(2, classes));
}

/**
 * k-NN demonstrations in the run's representation: by cosine over the sentence embeddings when it
 * has them (the pool vectors the model and the strategies read; generated labeled items embedded
 * by the same model), else over TF-IDF as `demonstrationsFor`.
 */
export async function demonstrationsIn(
  representation: Representation,
  workspace: Workspace,
  labeled: LabeledTexts,
  calls: ReadonlyArray<readonly string[]>,
  k: number,
): Promise<Demonstration[][]> {
  if (!readsEmbeddings(representation)) return demonstrationsFor(workspace, labeled, calls, k);
  if (k === 0 || labeled.items.length === 0) return calls.map(() => []);
  const spec = embeddingVectorSpec(representation);
  const { pool } = workspace;
  const vectors = (await workspace.vectors.of(spec)).vectors;
  const outside = labeled.items.filter((item) => !pool.has(item.id));
  const embedded =
    outside.length > 0
      ? await workspace.vectors.embed(
          spec,
          outside.map((item) => item.text),
        )
      : null;
  const centers = new Float32Array(labeled.items.length * vectors.dim);
  let next = 0;
  labeled.items.forEach((item, i) => {
    const row = pool.has(item.id) ? gatherRows(vectors, [pool.indexOf(item.id)]) : embedded!.data.subarray(next * vectors.dim, ++next * vectors.dim);
    centers.set(row, i * vectors.dim);
  });
  const rows = Uint32Array.from(calls.flat(), (id) => pool.indexOf(id));
  const kk = candidatesPerItem(labeled, k);
  const found = topSimilar(vectors, rows, centers, kk);
  const nearest = Array.from({ length: rows.length }, (_, r) => Array.from(found.indices.subarray(r * kk, (r + 1) * kk)));
  return interleave(labeled, calls, nearest, k);
}

/**
 * Each call's demonstrations, taken in turn from each of its items' nearest lists so every item is
 * represented, at most ⌈k / classes⌉ of a class; classes the neighbours leave short are filled from
 * their own first labeled examples, and only then the cap is lifted (fewer classes than it assumes).
 */
function interleave(labeled: LabeledTexts, calls: ReadonlyArray<readonly string[]>, nearest: readonly (readonly number[])[], k: number): Demonstration[][] {
  const classes = [...new Set(labeled.items.map((item) => item.label))];
  const perClass = Math.ceil(k / Math.min(k, classes.length));
  const byClass = new Map(classes.map((label) => [label, [] as number[]]));
  labeled.items.forEach((item, index) => byClass.get(item.label)!.push(index));
  let at = 0;
  return calls.map((ids) => {
    const lists = ids.map(() => nearest[at++]);
    const chosen: number[] = [];
    const taken = new Map<string, number>();
    const take = (index: number, capped: boolean): void => {
      const label = labeled.items[index].label;
      if (chosen.length >= k || chosen.includes(index) || (capped && (taken.get(label) ?? 0) >= perClass)) return;
      chosen.push(index);
      taken.set(label, (taken.get(label) ?? 0) + 1);
    };
    const depth = Math.max(0, ...lists.map((list) => list.length));
    for (let rank = 0; rank < depth; rank++) for (const list of lists) if (list[rank] !== undefined) take(list[rank], true);
    for (let round = 0; round < perClass && chosen.length < k; round++)
      for (const label of classes) {
        const index = byClass.get(label)![round];
        if (index !== undefined) take(index, true);
      }
    for (let rank = 0; rank < depth && chosen.length < k; rank++) for (const list of lists) if (list[rank] !== undefined) take(list[rank], false);
    return chosen.map((index) => {
      const { text, label, reason } = labeled.items[index];
      return reason ? { text, label, reason } : { text, label };
    });
  });
}
