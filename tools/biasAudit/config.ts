import { z } from "zod";
import { LlmSchema } from "../llm/config.js";

/**
 * Bias discovery (CAL in the survey of Xia et al. 2025): every `every` query rounds the loop
 * clusters the pool by density, shows a strong LLM the most typical labeled items of each cluster
 * with their current labels, and has it name spurious or biased patterns; the labeled items a
 * pattern matches are relabeled, by people or by that LLM. Off unless the run config has it.
 */
export const BiasAuditSchema = z
  .object({
    /** An audit takes the place of the query step after every `every` query rounds. */
    every: z.number().int().min(1).default(3),
    /** k of the k-means over the pool vectors: the clusters the LLM is shown (those with labeled items). */
    clusters: z.number().int().min(2).max(64).default(8),
    /** The most typical labeled items of each cluster shown to the LLM, with their labels. */
    perCluster: z.number().int().min(1).max(20).default(4),
    /** Who relabels the items a pattern matches: people (askHuman interrupts) or the audit's LLM. */
    relabelBy: z.enum(["human", "llm"]).default("llm"),
    /** The strong LLM that audits and, with relabelBy "llm", relabels. */
    llm: LlmSchema.prefault({ model: "gpt-4o" }),
    /** Patterns one audit may name. */
    maxPatterns: z.number().int().min(1).max(10).default(3),
    /** Items one audit may send back for relabeling, at most (a broad pattern cannot resend the whole pool). */
    maxRelabel: z.number().int().min(1).max(10_000).default(50),
    /** relabelBy "llm": items per relabeling call. */
    itemsPerCall: z.number().int().min(1).max(50).default(5),
    /** relabelBy "human": the fee of one relabel, and items per askHuman task. */
    humanFeeUsd: z.number().min(0).default(0),
    itemsPerTask: z.number().int().min(1).max(100).default(10),
  })
  .strict();
export type BiasAuditConfig = z.infer<typeof BiasAuditSchema>;

/** Why an item went back for relabeling: its reviewReason when people or the LLM relabel it. */
export const BIAS_AUDIT_REASON = "bias-audit";

/** How the pattern that sent an item back begins among its rationales (not a reason for its label). */
export const AUDIT_NOTE_PREFIX = "bias audit: ";
