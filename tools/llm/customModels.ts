import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ConfigError } from "../errors.js";

const models = new Map<string, BaseChatModel>();

/**
 * Makes any LangChain chat model (Anthropic, Bedrock, a local wrapper…) usable by name from a run
 * config: `{ provider: "custom", model: name, price: {…} }`. The config stays JSON, so it can still
 * be checkpointed and sent from Studio; the model object lives in this process only.
 */
export function registerChatModel(name: string, model: BaseChatModel): void {
  models.set(name, model);
}

export function registeredChatModel(name: string): BaseChatModel {
  const model = models.get(name);
  if (!model) throw new ConfigError(`no chat model registered as "${name}" in this process (registerChatModel)`);
  return model;
}
