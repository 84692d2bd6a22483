import { z } from "zod";
import { ConfidenceSettingSchema } from "../llm/annotator.js";
import { LlmSchema } from "../llm/config.js";
import { ValueRouteSchema } from "./valueRouter.js";

/** The simulated human of benchmarks: answers from gold labels, with optional noise, for a fee. */
export const OracleAnnotatorSchema = z
  .object({
    kind: z.literal("oracle"),
    /** Share of answers that are wrong (uniform over the other labels). */
    noiseRate: z.number().min(0).max(1).default(0),
    /** What one label costs, in USD. */
    feeUsd: z.number().min(0).default(0.05),
  })
  .strict();

/**
 * Hybrid routing after an LLM has labeled: accept confident labels, ask people about the rest
 * (with the LLM's suggestion, or from scratch when it is very unsure), spot-check a share of the
 * accepted ones, and let a second model veto labels it disagrees with.
 */
export const ReviewSchema = z
  .object({
    /** Accept a label with at least this confidence. */
    acceptAbove: z.number().min(0).max(1).default(0.9),
    /** Below this, people label from scratch (no suggestion shown); 0 never hides the suggestion. */
    scratchBelow: z.number().min(0).max(1).default(0),
    /** Share of accepted labels also sent to people, to measure LLM–human agreement. */
    spotCheckRate: z.number().min(0).max(1).default(0),
    /** A second model checks accepted labels; where it disagrees, people decide. */
    verifier: LlmSchema.optional(),
    /** Where items the LLM failed on go: to people, or back to the pool. */
    onFailure: z.enum(["human", "pool"]).default("human"),
    /** What one human label costs, in USD. */
    humanFeeUsd: z.number().min(0).default(0.05),
    itemsPerTask: z.number().int().min(1).max(100).default(1),
  })
  .strict()
  .refine((review) => review.scratchBelow <= review.acceptAbove, { message: "scratchBelow must not exceed acceptAbove", path: ["scratchBelow"] });
export type ReviewConfig = z.infer<typeof ReviewSchema>;

/** An LLM labels the batch (LLMaAA-style prompts, k-NN demonstrations, calibrated confidence). */
export const LlmAnnotatorSchema = z
  .object({
    kind: z.literal("llm"),
    llm: LlmSchema.prefault({}),
    itemsPerCall: z.number().int().min(1).max(50).default(1),
    /** Labeled examples nearest to the items, shown in the prompt. */
    demonstrations: z.number().int().min(0).max(32).default(4),
    confidence: ConfidenceSettingSchema.default("auto"),
    /** Samples per item for self-consistency confidence. */
    samples: z.number().int().min(2).max(20).default(5),
    /** Ask for step-by-step reasoning before each label; the rationale is kept with the label. */
    chainOfThought: z.boolean().default(false),
    /**
     * Beyond-Labels: each demonstration carries the reason its label was given (a person's comment on
     * their answer, an LLM's rationale), so later rounds' prompts learn from explanations, not labels
     * alone. Off by default: the prompts, and the cached replies to them, stay as they were.
     */
    explanations: z.boolean().default(false),
    /** NoiseAL-style cascade: items this (cheap) LLM is unsure of go to a stronger one. */
    escalation: z
      .object({
        llm: LlmSchema.prefault({ model: "gpt-4o" }),
        /** Escalate answers with confidence below this. */
        below: z.number().min(0).max(1).default(0.8),
      })
      .strict()
      .optional(),
    /** Hybrid annotation: which LLM labels people check. */
    review: ReviewSchema.optional(),
    /**
     * How review decides: `thresholds` (review.acceptAbove, scratchBelow, spotCheckRate), or `value`:
     * each label goes where a right label is worth its price, by the calibration learned online (`value`).
     */
    route: z.enum(["thresholds", "value"]).default("thresholds"),
    /** The value route's settings (defaults when absent). */
    value: ValueRouteSchema.optional(),
  })
  .strict()
  .refine((annotator) => annotator.route !== "value" || annotator.review !== undefined, {
    message: 'route "value" needs review (the people it may send items to, and their fee)',
    path: ["route"],
  })
  .refine((annotator) => annotator.route !== "value" || annotator.review?.verifier === undefined, {
    message: 'route "value" decides from the calibration people measure, not from a verifier: drop review.verifier',
    path: ["review", "verifier"],
  });

/** People label every item, answering askHuman interrupts (in-process, from the terminal, or over the API). */
export const HumanAnnotatorSchema = z
  .object({
    kind: z.literal("human"),
    /** What one label costs, in USD. */
    feeUsd: z.number().min(0).default(0.05),
    /** Items per interrupt: 1 gives one task per item, answered in any order and by several people at once. */
    itemsPerTask: z.number().int().min(1).max(100).default(1),
  })
  .strict();

/**
 * A committee labels the batch: its members (config.committee.members) vote, the majority label is
 * kept with the members' agreement as its confidence, and review (if set) sends the items they
 * split on to people.
 */
export const CommitteeAnnotatorSchema = z
  .object({
    kind: z.literal("committee"),
    itemsPerCall: z.number().int().min(1).max(50).default(5),
    /** Items per committee round (one subgraph run; its votes are checkpointed together). */
    itemsPerWave: z.number().int().min(1).max(500).default(20),
    review: ReviewSchema.optional(),
  })
  .strict();

export const AnnotatorSchema = z.discriminatedUnion("kind", [OracleAnnotatorSchema, LlmAnnotatorSchema, HumanAnnotatorSchema, CommitteeAnnotatorSchema]);
export type AnnotatorConfig = z.infer<typeof AnnotatorSchema>;
export type LlmAnnotatorConfig = z.infer<typeof LlmAnnotatorSchema>;
