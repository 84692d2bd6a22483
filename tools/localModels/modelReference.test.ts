import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { llamaCppSettings, LlmSchema, modelKey, priceOf } from "../llm/config.js";
import { resolveLocalModel } from "./modelReference.js";

/** A models folder with a manifest naming one chat model and one embedding model, both files present. */
function modelsFolder() {
  const dir = mkdtempSync(join(tmpdir(), "activegraph-models-"));
  const chat = join(dir, "tiny-chat.Q4_1.gguf");
  const embed = join(dir, "embed.gguf");
  writeFileSync(chat, "GGUF chat");
  writeFileSync(embed, "GGUF embed");
  const entry = (path: string, kind: "chat" | "embedding") => ({
    kind,
    format: "gguf",
    path,
    model: `org/${kind}`,
    quantization: "Q4_1",
    bytes: 9,
    package: `${kind}-pkg==1.0`,
    license: "Apache-2.0",
  });
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ version: 1, models: { "tiny-chat": entry(chat, "chat"), embed: entry(embed, "embedding") } }));
  return { dir, chat };
}

describe("a llama-cpp model reference", () => {
  it("resolves an installed model's name to its file, with its quantization and an identity that changes when the file does", () => {
    const { dir, chat } = modelsFolder();
    const resolved = resolveLocalModel("tiny-chat", dir);
    expect(resolved).toMatchObject({ reference: chat, quantization: "Q4_1", origin: "org/chat" });
    writeFileSync(chat, "GGUF chat, replaced by a larger file");
    expect(resolveLocalModel("tiny-chat", dir).identity).not.toBe(resolved.identity);
  });

  it("takes a .gguf path, and an hf: reference as it is (downloaded on first use)", () => {
    const { dir, chat } = modelsFolder();
    expect(resolveLocalModel(chat, dir).reference).toBe(chat);
    expect(resolveLocalModel("hf:user/repo/model.Q4_K_M.gguf", dir)).toEqual({
      reference: "hf:user/repo/model.Q4_K_M.gguf",
      identity: "hf:user/repo/model.Q4_K_M.gguf",
    });
  });

  it("refuses, in one line, a model that is not installed (naming what is), a missing file, and an embedding model", () => {
    const { dir } = modelsFolder();
    expect(() => resolveLocalModel("gemma-9b", dir)).toThrow(
      new ConfigError('llama-cpp model "gemma-9b" is not installed (installed: tiny-chat), and is no .gguf file or hf: reference'),
    );
    expect(() => resolveLocalModel("/nowhere/model.gguf", dir)).toThrow(new ConfigError("llama-cpp model file not found: /nowhere/model.gguf"));
    expect(() => resolveLocalModel("embed", dir)).toThrow(/"embed" is an embedding model, not a chat model/);
    const empty = mkdtempSync(join(tmpdir(), "activegraph-models-"));
    expect(() => resolveLocalModel("gemma-9b", empty)).toThrow(/run scripts\/install-models\.sh/);
  });
});

describe("provider llama-cpp in the LLM config", () => {
  it("is free unless a price is set, and its ledger name is the provider and the model's short name", () => {
    const local = LlmSchema.parse({ provider: "llama-cpp", model: "/models/SmolLM2-135M-Instruct.Q4_1.gguf" });
    expect(priceOf(local)).toEqual({ inputPerMTokens: 0, outputPerMTokens: 0 });
    expect(modelKey(local)).toBe("llama-cpp:SmolLM2-135M-Instruct.Q4_1");
    expect(modelKey(LlmSchema.parse({ provider: "llama-cpp", model: "gemma-3-270m" }))).toBe("llama-cpp:gemma-3-270m");
    const charged = LlmSchema.parse({ provider: "llama-cpp", model: "gemma-3-270m", price: { inputPerMTokens: 0.01, outputPerMTokens: 0.02 } });
    expect(priceOf(charged)).toEqual({ inputPerMTokens: 0.01, outputPerMTokens: 0.02 });
    expect(priceOf(LlmSchema.parse({ provider: "openai", model: "gpt-4o-mini" })).inputPerMTokens).toBeGreaterThan(0);
  });

  it("defaults to one thread, a 2,048-token context and 512-token batches, and refuses unknown or out-of-range settings", () => {
    expect(llamaCppSettings(LlmSchema.parse({ provider: "llama-cpp", model: "gemma-3-270m" }))).toEqual({ threads: 1, contextSize: 2048, batchSize: 512 });
    expect(LlmSchema.safeParse({ provider: "llama-cpp", llamaCpp: { threads: 0 } }).success).toBe(false);
    expect(LlmSchema.safeParse({ provider: "llama-cpp", llamaCpp: { gpu: true } }).success).toBe(false);
  });
});
