import type { ReviewConfig } from "./config.js";
import { rngFor } from "../random.js";

export type ReviewDecision =
  | { readonly kind: "accept" }
  | { readonly kind: "human"; readonly reason: "review" | "low-confidence" | "spot-check" | "disagreement" | "value"; readonly showSuggestion: boolean };

/**
 * Where an LLM label goes under hybrid routing: accepted at or above `acceptAbove`; to a person
 * with the suggestion between the thresholds (or when the verifier disagrees); to a person from
 * scratch below `scratchBelow`. A seeded share of the accepted ones is spot-checked: those give an
 * unbiased measure of LLM–human agreement. An unknown confidence counts as 0.
 */
export function reviewDecision(
  review: ReviewConfig,
  answer: { id: string; confidence: number | null },
  verifierAgrees: boolean | null,
  seed: number,
): ReviewDecision {
  const confidence = answer.confidence ?? 0;
  if (confidence < review.scratchBelow) return { kind: "human", reason: "low-confidence", showSuggestion: false };
  if (confidence < review.acceptAbove) return { kind: "human", reason: "review", showSuggestion: true };
  if (verifierAgrees === false) return { kind: "human", reason: "disagreement", showSuggestion: true };
  if (review.spotCheckRate > 0 && rngFor(seed, "spot-check", answer.id).next() < review.spotCheckRate) {
    return { kind: "human", reason: "spot-check", showSuggestion: true };
  }
  return { kind: "accept" };
}
