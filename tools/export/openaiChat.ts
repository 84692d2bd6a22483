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
