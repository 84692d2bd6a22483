import { LlmSchema } from "../../tools/llm/config.js";
import { LlmClient } from "../../tools/llm/llmClient.js";
import { priceFor } from "../../tools/llm/prices.js";
import type { ResponseCache } from "../../tools/llm/responseCache.js";
import { SimulatedChatModel } from "../../tools/llm/simulated/simulatedChatModel.js";
import type { Teacher } from "../../tools/llm/simulated/teacher.js";
import { ChatOpenAI } from "@langchain/openai";

/**
 * A teacher with known answers: a text is "pos" when it contains "good", "neg" when it contains
 * "bad", with the probability given by the number after "@" (default 0.9).
 */
export function keywordTeacher(reservoir: Record<string, string[]> = { pos: ["good one"], neg: ["bad one"] }): Teacher {
  const labels = ["neg", "pos"];
  return {
    labels,
    probabilities(text: string) {
      const p = Number(text.match(/@([0-9.]+)/)?.[1] ?? 0.9);
      const pos = text.includes("good") ? p : 1 - p;
      return Float32Array.from([1 - pos, pos]);
    },
    reservoir: new Map(Object.entries(reservoir)),
  };
}

/** The simulated model over `teacher`, unsharpened (its answers carry the teacher's own probabilities) unless `settings` say otherwise. */
export function simulatedClient(teacher: Teacher, settings: Record<string, unknown> = {}, cache: ResponseCache | null = null): LlmClient {
  const simulation = { sharpness: 1, ...((settings.simulation as object | undefined) ?? {}) };
  const llm = LlmSchema.parse({ provider: "simulated", model: "gpt-4o-mini", retryBaseMs: 1, ...settings, simulation });
  return new LlmClient(
    llm,
    new SimulatedChatModel({ teacher, simulation: llm.simulation, temperature: llm.temperature, maxTokens: llm.maxTokens }),
    priceFor(llm.model),
    cache,
  );
}

/** The real ChatOpenAI, pointed at a loopback server. */
export function openAiClient(baseUrl: string, settings: Record<string, unknown> = {}, cache: ResponseCache | null = null): LlmClient {
  const llm = LlmSchema.parse({ provider: "openai", model: "gpt-4o-mini", baseUrl, retryBaseMs: 1, timeoutMs: 2000, ...settings });
  const model = new ChatOpenAI({
    model: llm.model,
    apiKey: "test-key",
    configuration: { baseURL: baseUrl },
    temperature: llm.temperature,
    maxTokens: llm.maxTokens,
    maxRetries: 0,
    timeout: llm.timeoutMs,
    logprobs: llm.logprobs,
  });
  return new LlmClient(llm, model, priceFor(llm.model), cache);
}
