import type { QueryInput } from "../types.js";

/** Candidates as an LLM prompt shows them: the pool index as id, and the text. */
export function llmItems(input: QueryInput, indices: ArrayLike<number>): Array<{ id: string; text: string }> {
  const texts = input.texts!;
  return Array.from(indices, (index) => ({ id: String(index), text: texts[index] }));
}

/** The chosen pool indices, then the candidates in their own order, k in all: an LLM that answers short never shortens a batch. */
export function fillFromCandidates(chosen: readonly number[], candidates: Uint32Array, k: number): Uint32Array {
  return Uint32Array.from([...new Set([...chosen, ...candidates])].slice(0, k));
}
