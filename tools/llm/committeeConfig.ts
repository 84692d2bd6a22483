import { z } from "zod";
import { LlmSchema, modelKey } from "./config.js";

/**
 * A committee member: an LLM (its model, temperature or instructions make it differ from the
 * others; chain of thought by default, as in CoT query-by-committee) or a bootstrapped target model.
 */
export const CommitteeMemberSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("llm"),
      llm: LlmSchema.prefault({}),
      /** Instructions of this member's own, so members can differ by prompt. */
      instructions: z.string().min(1).optional(),
      chainOfThought: z.boolean().default(true),
    })
    .strict(),
  z.object({ kind: z.literal("model") }).strict(),
]);
export type CommitteeMember = z.infer<typeof CommitteeMemberSchema>;

/** Three chain-of-thought LLMs that differ by model and temperature (simulated offline). */
export const DEFAULT_MEMBERS: z.input<typeof CommitteeMemberSchema>[] = [
  { kind: "llm", llm: { provider: "simulated", model: "gpt-4o-mini" } },
  { kind: "llm", llm: { provider: "simulated", model: "gpt-4o-mini", temperature: 0.8 } },
  { kind: "llm", llm: { provider: "simulated", model: "gpt-4.1-mini" } },
];

export function memberName(member: CommitteeMember, index: number): string {
  if (member.kind === "model") return `target-model#${index}`;
  return `${modelKey(member.llm)}${member.llm.temperature > 0 ? `@T${member.llm.temperature}` : ""}#${index}`;
}
