import type { Token } from "node-llama-cpp";
import { afterAll, describe, expect, it, vi } from "vitest";
import { disposeLlamaCppEngines, llamaCppEngine } from "../../tools/llm/providers/llamaCppEngine.js";
import { LOCAL_MODELS, localModel, localModelsMissing } from "../../tools/localModels/manifest.js";
import * as nodeLlama from "../../tools/localModels/nodeLlamaCpp.js";

// Counts how often the engine resolves a chat template: resolving renders the model's Jinja
// template against node-llama-cpp's known formats, which once cost more than the model's own call.
const resolutions = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../tools/localModels/nodeLlamaCpp.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../tools/localModels/nodeLlamaCpp.js")>();
  return {
    ...actual,
    nodeLlamaCpp: async () => {
      const library = await actual.nodeLlamaCpp();
      const resolve = library.resolveChatWrapper as (...args: unknown[]) => unknown;
      const resolveChatWrapper = (...args: unknown[]) => {
        resolutions.count++;
        return resolve(...args);
      };
      return { ...library, resolveChatWrapper: resolveChatWrapper as typeof library.resolveChatWrapper };
    },
  };
});

const missing = localModelsMissing() ?? (await nodeLlama.nodeLlamaCppMissing());

const chats = [
  [
    { role: "system", content: "Classify each question by the type of its answer." },
    { role: "user", content: "How many people live in Tokyo?" },
  ],
  [{ role: "user", content: "Who wrote Pride and Prejudice?" }],
  [
    { role: "system", content: "Answer yes or no." },
    { role: "user", content: "Is this question about a place? Where is the Eiffel Tower?" },
    { role: "assistant", content: '{"answer": "yes"}' },
    { role: "user", content: "And this one? What does NASA stand for?" },
  ],
];

if (missing) {
  it.skip(missing, () => {});
} else {
  afterAll(() => disposeLlamaCppEngines());

  describe("llama.cpp engine: the chat template of SmolLM2-135M-Instruct Q4_1", () => {
    it("is resolved once per engine, and every prompt renders as a freshly resolved template renders it", async () => {
      const engine = await llamaCppEngine(localModel(LOCAL_MODELS.smollm2).path, { threads: 1 });
      const library = await import("node-llama-cpp");
      // Each chat twice and in turn, so a render that leaked state into the next would show.
      const rendered: Token[][] = [];
      for (const turns of [...chats, ...chats]) rendered.push(await engine.chatTokens(turns));
      const withPrefix = await engine.chatTokens(chats[0], '{"answer": "');
      expect(resolutions.count).toBe(1);

      const fresh = (turns: (typeof chats)[number]) =>
        library
          .resolveChatWrapper(engine.model)
          .generateContextState({
            chatHistory: [
              ...turns.map((turn) =>
                turn.role === "system"
                  ? { type: "system" as const, text: turn.content }
                  : turn.role === "assistant"
                    ? { type: "model" as const, response: [turn.content] }
                    : { type: "user" as const, text: turn.content },
              ),
              { type: "model" as const, response: [] },
            ],
          })
          .contextText.tokenize(engine.model.tokenizer);
      [...chats, ...chats].forEach((turns, i) => expect(rendered[i]).toEqual(fresh(turns)));
      // The reply prefix follows the rendered prompt, as the model would read its own reply's start.
      expect(withPrefix.slice(0, rendered[0].length)).toEqual(rendered[0]);
      expect(engine.model.detokenize(withPrefix.slice(rendered[0].length))).toBe('{"answer": "');
      // The user's text is in the prompt the model reads.
      expect(engine.model.detokenize(rendered[1])).toContain("Who wrote Pride and Prejudice?");
    });
  });
}
