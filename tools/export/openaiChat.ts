import { z } from "zod";
import { classificationInstructions, type ClassificationTask } from "./classificationTask.js";

const MessageSchema = z
  .object({
    role: z.enum(["system", "user", "assistant"]),
    content: z.string().min(1),
  })
  .strict();

/** One line of OpenAI's chat fine-tuning file: a conversation ending in the answer to learn. */
export const OpenAiChatExampleSchema = z.object({ messages: z.array(MessageSchema).min(2) }).strict();
export type OpenAiChatExample = z.infer<typeof OpenAiChatExampleSchema>;

/** OpenAI's fine-tuning API refuses a training file with fewer examples than this. */
export const OPENAI_MIN_EXAMPLES = 10;

/**
 * Supervised fine-tuning examples in OpenAI's chat format, one per label: the system message
 * states the task and the label set, the user message is the text, the assistant message is the
 * label. The same file trains any model whose tooling reads this format (most do).
 */
export function openaiChatExamples(rows: ReadonlyArray<{ text: string; label: string }>, task: ClassificationTask): OpenAiChatExample[] {
  const system = classificationInstructions(task);
  return rows.map((row) => ({
    messages: [
      { role: "system", content: system },
      { role: "user", content: row.text },
      { role: "assistant", content: row.label },
    ],
  }));
}

/**
 * Instruction-tuning examples (a prompt and the response to learn, as active SFT chooses them) in
 * OpenAI's chat format: an optional system message, the prompt as the user's, the response as the
 * assistant's. Each example is checked: an empty prompt or response is refused, not written.
 */
export function openaiChatFromPairs(rows: ReadonlyArray<{ prompt: string; response: string }>, system?: string): OpenAiChatExample[] {
  return rows.map((row, i) => {
    const example = {
      messages: [
        ...(system ? [{ role: "system" as const, content: system }] : []),
        { role: "user" as const, content: row.prompt },
        { role: "assistant" as const, content: row.response },
      ],
    };
    const parsed = OpenAiChatExampleSchema.safeParse(example);
    if (!parsed.success) throw new Error(`example ${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
    return parsed.data;
  });
}
