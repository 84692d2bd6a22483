import { z } from "zod";

/** A pattern as checkpointed (see patterns.ts). */
export const BiasPatternSchema = z
  .object({
    cluster: z.number().int().min(1).nullable(),
    label: z.string().min(1),
    keyword: z.string().min(1).nullable(),
    description: z.string().min(1),
  })
  .strict();

/** One bias audit, as checkpointed: what the LLM named, which items went back, or why it named nothing. */
export const AuditRecordSchema = z
  .object({
    round: z.number().int().min(1),
    /** Clusters shown to the LLM (those with labeled items). */
    clusters: z.number().int().min(0),
    patterns: z.array(BiasPatternSchema),
    /** Items sent back for relabeling, each with the pattern (index into `patterns`) that matched it. */
    flagged: z.array(z.object({ id: z.string().min(1), pattern: z.number().int().min(0) }).strict()),
    /** Who relabels them. */
    relabelBy: z.enum(["human", "llm"]),
    /** Why the audit named nothing: a refused reply, a failed call, no budget. */
    failure: z.string().min(1).optional(),
  })
  .strict();
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
