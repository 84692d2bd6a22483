import { ChatOpenAI } from "@langchain/openai";
import { ConfigError } from "../../tools/errors.js";
import { cacheDir } from "../../tools/cacheDir.js";
import type { LlmConfig } from "../../tools/llm/config.js";
import { registeredChatModel } from "../../tools/llm/customModels.js";
import { LlmClient } from "../../tools/llm/llmClient.js";
import { priceFor } from "../../tools/llm/prices.js";
import { ResponseCache } from "../../tools/llm/responseCache.js";
import { defaultKnowledge } from "../../tools/llm/simulated/knowledge.js";
import { SimulatedChatModel } from "../../tools/llm/simulated/simulatedChatModel.js";
import type { RunConfig } from "../config/runConfig.js";
import type { RunResources } from "../workspace/workspace.js";
import { join } from "node:path";

const clients = new Map<string, LlmClient>();
const caches = new Map<string, ResponseCache>();

/**
 * The client for one LLM role of a run, made once per process: ChatOpenAI (the API key from
 * OPENAI_API_KEY, never from the config), the offline simulator, or a model registered in code;
 * all behind the same response cache, retries and pricing.
 */
export function llmClientFor(config: RunConfig, llm: LlmConfig, run: RunResources): LlmClient {
  const key = JSON.stringify([run.key, llm, config.llmCache ?? null]);
  let client = clients.get(key);
  if (!client) {
    const price = priceFor(llm.model, llm.price);
    client = new LlmClient(llm, chatModel(llm, run), price, responseCache(config));
    clients.set(key, client);
  }
  return client;
}

function chatModel(llm: LlmConfig, run: RunResources) {
  switch (llm.provider) {
    case "simulated":
      return new SimulatedChatModel({
        teacher: run.teacher(llm.model, llm.simulation.knowledge ?? defaultKnowledge(llm.model)),
        simulation: llm.simulation,
        temperature: llm.temperature,
        maxTokens: llm.maxTokens,
      });
    case "custom":
      return registeredChatModel(llm.model);
    case "openai": {
      const apiKey = process.env.OPENAI_API_KEY ?? (llm.baseUrl ? "not-needed" : undefined);
      if (!apiKey) throw new ConfigError(`the openai provider needs OPENAI_API_KEY in the environment (or a baseUrl for a local server)`);
      return new ChatOpenAI({
        model: llm.model,
        apiKey,
        configuration: llm.baseUrl ? { baseURL: llm.baseUrl } : undefined,
        temperature: llm.temperature,
        maxTokens: llm.maxTokens,
        // activegraph retries itself (tools/llm/retry.ts), with the same policy for every provider.
        maxRetries: 0,
        timeout: llm.timeoutMs,
        ...(llm.logprobs ? { logprobs: true } : {}),
      });
    }
  }
}

function responseCache(config: RunConfig): ResponseCache | null {
  if (config.llmCache === "off") return null;
  const path = config.llmCache ?? join(cacheDir(), "llm-responses.sqlite");
  let cache = caches.get(path);
  if (!cache) caches.set(path, (cache = new ResponseCache(path)));
  return cache;
}

/** Forgets every client (and closes every cache), as a new process would. */
export function clearLlmClients(): void {
  clients.clear();
  for (const cache of caches.values()) cache.close();
  caches.clear();
}
