import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

/**
 * A chat model whose every reply is computed from the prompt by `reply`: a stand-in for a real LLM
 * whose answers a test needs to know (registered with registerChatModel as a "custom" provider).
 */
export class ScriptedChatModel extends BaseChatModel {
  constructor(private readonly reply: (turns: Array<{ role: "system" | "user"; content: string }>) => string) {
    super({});
  }

  _llmType(): string {
    return "scripted";
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const turns = messages.map((m) => ({ role: m._getType() === "system" ? ("system" as const) : ("user" as const), content: String(m.content) }));
    const content = this.reply(turns);
    const message = new AIMessage({ content, usage_metadata: { input_tokens: 100, output_tokens: 10, total_tokens: 110 } });
    return { generations: [{ text: content, message }] };
  }
}
