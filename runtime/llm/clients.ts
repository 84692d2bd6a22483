import { join } from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
import { cacheDir } from "../../tools/cacheDir.js";
import { ConfigError } from "../../tools/errors.js";
import { llamaCppSettings, type LlmConfig, modelKey, priceOf } from "../../tools/llm/config.js";
import { registeredChatModel } from "../../tools/llm/customModels.js";
import { LlmClient } from "../../tools/llm/llmClient.js";
import { LlamaCppChatModel } from "../../tools/llm/providers/llamaCppChatModel.js";
import { modelsDir } from "../../tools/localModels/manifest.js";
import { resolveLocalModel } from "../../tools/localModels/modelReference.js";
import { ResponseCache } from "../../tools/llm/responseCache.js";
import { SpendJournal } from "../../tools/llm/spendJournal.js";
import { defaultKnowledge } from "../../tools/llm/simulated/knowledge.js";
import { SimulatedChatModel } from "../../tools/llm/simulated/simulatedChatModel.js";
import type { RunConfig } from "../config/runConfig.js";
import type { Teacher } from "../../tools/llm/simulated/teacher.js";

/**
 * Where a simulated LLM learns what it knows (a workspace's reservoir of gold labels), and the key
 * of the data it stands for. A Workspace is one; so is the prompt pool of the instruction graphs.
 */
export interface TeacherSource {
  readonly key: string;
  teacher(model: string, knowledge: number): Teacher;
}

/**
 * The LLM clients of a process: one per role and config, made on first use, all behind the same
 * response caches (one SQLite file per path), retries and pricing, and the spend journals.
 */
export class LlmClients {
  private readonly clients = new Map<string, LlmClient>();
  private readonly caches = new Map<string, ResponseCache>();
  private readonly journals = new Map<string, SpendJournal>();

  /**
   * The client for one LLM role of a run: ChatOpenAI (the API key from OPENAI_API_KEY, never from
   * the config), the offline simulator, a local GGUF model in-process, or a model registered in
   * code. A local model's file identity is part of the client's key and of its response-cache
   * keys, so a replaced file is neither reused nor served from the cache.
   */
  clientFor(config: Pick<RunConfig, "llmCache">, llm: LlmConfig, workspace: TeacherSource): LlmClient {
    const local = llm.provider === "llama-cpp" ? resolveLocalModel(llm.model) : null;
    const key = JSON.stringify([workspace.key, llm, config.llmCache ?? null, local?.identity ?? null]);
    let client = this.clients.get(key);
    if (!client) {
      const model = local ? llamaCppModel(llm, local.reference) : chatModel(llm, workspace);
      client = new LlmClient(llm, model, priceOf(llm), this.responseCache(config), local?.identity);
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * The spend journal of a run: in the response cache's SQLite file (its own table), or, with the
   * cache off, in `llm-spend.sqlite` of the activegraph cache folder.
   */
  journalFor(config: Pick<RunConfig, "llmCache">): SpendJournal {
    const path = config.llmCache === "off" ? join(cacheDir(), "llm-spend.sqlite") : (config.llmCache ?? join(cacheDir(), "llm-responses.sqlite"));
    let journal = this.journals.get(path);
    if (!journal) this.journals.set(path, (journal = new SpendJournal(path)));
    return journal;
  }

  /** Closes the response caches and the spend journals. */
  close(): void {
    for (const cache of this.caches.values()) cache.close();
    for (const journal of this.journals.values()) journal.close();
    this.caches.clear();
    this.journals.clear();
    this.clients.clear();
  }

  private responseCache(config: Pick<RunConfig, "llmCache">): ResponseCache | null {
    if (config.llmCache === "off") return null;
    const path = config.llmCache ?? join(cacheDir(), "llm-responses.sqlite");
    let cache = this.caches.get(path);
    if (!cache) this.caches.set(path, (cache = new ResponseCache(path)));
    return cache;
  }
}

function llamaCppModel(llm: LlmConfig, reference: string): LlamaCppChatModel {
  const { threads, contextSize, batchSize, downloadDir } = llamaCppSettings(llm);
  return new LlamaCppChatModel({
    model: reference,
    modelName: modelKey(llm),
    threads,
    contextSize,
    batchSize,
    downloadDir: downloadDir ?? modelsDir(),
    temperature: llm.temperature,
    maxTokens: llm.maxTokens,
  });
}

function chatModel(llm: LlmConfig, workspace: TeacherSource): BaseChatModel {
  switch (llm.provider) {
    case "llama-cpp":
      throw new Error("llama-cpp models are made by llamaCppModel");
    case "simulated":
      return new SimulatedChatModel({
        teacher: workspace.teacher(llm.model, llm.simulation.knowledge ?? defaultKnowledge(llm.model)),
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
