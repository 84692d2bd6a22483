import type { Teacher } from "./teacher.js";

/**
 * Simulated in-context learning: how the simulated LLM's answer for an item moves with the
 * labeled examples in its prompt. Its distribution becomes (1 − w) × its own + w × the
 * demonstrations' vote, each demonstration voting for its label with its cosine similarity to the
 * item (negative similarities count as 0). Right demonstrations near an item pull the answer
 * toward the right label, wrong ones away from it: the mechanism by which k-NN demonstrations help
 * a real LLM (Liu et al. 2022; LLMaAA) and by which FreeAL's clean demonstrations should help more
 * than noisy ones. With w = 0, no demonstration, or none similar at all, the answer is unchanged.
 * The weight is an assumption of the simulation, not a measurement.
 */
export function withDemonstrations(
  probs: Float32Array,
  text: string,
  demonstrations: ReadonlyArray<{ readonly label: string; readonly text: string }>,
  teacher: Teacher,
  weight: number,
): Float32Array {
  if (weight === 0 || demonstrations.length === 0 || !teacher.similarities) return probs;
  const similarity = teacher.similarities(
    text,
    demonstrations.map((demonstration) => demonstration.text),
  );
  const votes = new Float64Array(probs.length);
  let total = 0;
  demonstrations.forEach((demonstration, d) => {
    const label = teacher.labels.indexOf(demonstration.label);
    const vote = Math.max(0, similarity[d]);
    if (label < 0 || vote === 0) return;
    votes[label] += vote;
    total += vote;
  });
  if (total === 0) return probs;
  return Float32Array.from(probs, (p, label) => (1 - weight) * p + (weight * votes[label]) / total);
}
