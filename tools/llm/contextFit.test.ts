import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { describe, expect, it } from "vitest";
import { LlmSchema } from "./config.js";
import { fitToContext, promptTokenLimit } from "./contextFit.js";
import { LlmClient } from "./llmClient.js";
import type { ChatTurn } from "./prompts/annotatePrompt.js";

/** A model that counts one token a character and holds `context` tokens: what a local model reports. */
function localClient(context: number, maxTokens = 100): LlmClient {
  const model = {
    promptTokens: async (turns: readonly ChatTurn[]) => turns.reduce((sum, turn) => sum + turn.content.length, 0),
    contextSize: async () => context,
  } as unknown as BaseChatModel;
  return new LlmClient(LlmSchema.parse({ provider: "custom", model: "counting", maxTokens }), model, { inputPerMTokens: 0, outputPerMTokens: 0 }, null);
}

/** A prompt of a fixed 100-character head, `extras` 50-character examples, and each item's text. */
const build = (items: readonly string[], extras: number): ChatTurn[] => [
  { role: "system", content: "h".repeat(100) + "e".repeat(50 * extras) },
  { role: "user", content: items.join("") },
];
const item = (n: number, length = 100) => String(n).padEnd(length, ".");

describe("fitting calls to the model's context", () => {
  it("leaves maxTokens of the context for the reply", async () => {
    expect(await promptTokenLimit(localClient(1000, 100))).toBe(900);
  });

  it("keeps a call that fits as it is", async () => {
    const fitted = await fitToContext(localClient(1000), [item(1), item(2)], 2, build);
    expect(fitted).toEqual({ calls: [{ items: [item(1), item(2)], extras: 2 }], tooLong: [] });
  });

  it("halves a call that does not fit until each part does, keeping the items' order", async () => {
    // 900 prompt tokens: the head and 2 examples (200) leave room for 7 items of 100.
    const items = Array.from({ length: 10 }, (_, i) => item(i));
    const fitted = await fitToContext(localClient(1000), items, 2, build);
    expect(fitted.tooLong).toEqual([]);
    expect(fitted.calls.map((call) => call.items.length)).toEqual([5, 5]);
    expect(fitted.calls.flatMap((call) => call.items)).toEqual(items);
    expect(fitted.calls.every((call) => call.extras === 2)).toBe(true);
  });

  it("drops the last examples of a single item that does not fit with all of them", async () => {
    // 900 − 100 (head) − 700 (item) = 100: two examples of 50 fit, not four.
    const fitted = await fitToContext(localClient(1000), [item(1, 700)], 4, build);
    expect(fitted.calls).toEqual([{ items: [item(1, 700)], extras: 2 }]);
  });

  it("refuses, in one line naming the tokens, an item that does not fit even alone without examples, and still asks about the others", async () => {
    const fitted = await fitToContext(localClient(1000), [item(1), item(2, 2000), item(3)], 1, build);
    expect(fitted.calls.flatMap((call) => call.items)).toEqual([item(1), item(3)]);
    expect(fitted.tooLong).toHaveLength(1);
    expect(fitted.tooLong[0].item).toBe(item(2, 2000));
    expect(fitted.tooLong[0].reason).toBe(
      "too long for counting: its prompt needs 2100 tokens, and the context leaves 900 after 100 for the reply (raise llamaCpp.contextSize or contextTokens, or lower maxTokens)",
    );
    expect(fitted.tooLong[0].reason).not.toContain("\n");
  });

  it("does not split for a remote model whose context is not known", async () => {
    const remote = new LlmClient(
      LlmSchema.parse({ provider: "custom", model: "remote" }),
      {} as BaseChatModel,
      { inputPerMTokens: 0, outputPerMTokens: 0 },
      null,
    );
    const items = Array.from({ length: 50 }, (_, i) => item(i, 1000));
    expect(await fitToContext(remote, items, 3, build)).toEqual({ calls: [{ items, extras: 3 }], tooLong: [] });
  });

  it("splits for a remote model given contextTokens, counting two bytes a token", async () => {
    const remote = new LlmClient(
      LlmSchema.parse({ provider: "custom", model: "remote", contextTokens: 1000, maxTokens: 100 }),
      {} as BaseChatModel,
      { inputPerMTokens: 0, outputPerMTokens: 0 },
      null,
    );
    // (100 + 10 × 200) / 2 + 16 > 900: split; each half is (100 + 5 × 200) / 2 + 16 = 566.
    const items = Array.from({ length: 10 }, (_, i) => item(i, 200));
    const fitted = await fitToContext(remote, items, 0, build);
    expect(fitted.calls.map((call) => call.items.length)).toEqual([5, 5]);
  });
});
