import type { Rng } from "../../random.js";

/** What a simulated model knows, as its prompt handlers use it: the labels, its answer distribution and its reasons. */
export interface SimulatedMind {
  readonly labels: readonly string[];
  /** The model's distribution over `labels` for a text (the teacher's, sharpened). */
  distribution(text: string): Float32Array;
  /** A short rationale from the words that speak most for the label. */
  reason(text: string, label: string): string;
}

/** A reply of the simulator: its content, and the logprobs of its tokens where it has them. */
export interface SimulatedReply {
  readonly content: string;
  readonly tokens: Array<{ token: string; logprob: number }> | null;
}

export function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** A draw from `probs` tempered by `temperature` (p^(1/T), renormalized). */
export function sample(probs: Float32Array, temperature: number, rng: Rng): number {
  const weights = Array.from(probs, (p) => Math.max(p, 1e-12) ** (1 / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u <= 0) return i;
  }
  return weights.length - 1;
}

/** The input part of a prompt made from a labeled text (after the instruction's blank line), which is what the teacher reads. */
export function inputOf(prompt: string): string {
  const at = prompt.indexOf("\n\n");
  return at >= 0 ? prompt.slice(at + 2) : prompt;
}
