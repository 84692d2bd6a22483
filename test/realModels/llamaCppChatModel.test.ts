import { afterAll, describe, expect, it } from "vitest";
import { labelProbability } from "../../tools/llm/confidence.js";
import { annotationPrompt, AnnotationReplySchema } from "../../tools/llm/prompts/annotatePrompt.js";
import { parseJsonReply } from "../../tools/llm/prompts/delimit.js";
import { labelAnswersSchema } from "../../tools/llm/providers/answerSchemas.js";
import { disposeLlamaCppEngines } from "../../tools/llm/providers/llamaCppEngine.js";
import { LlamaCppChatModel, type TokenLogprob } from "../../tools/llm/providers/llamaCppChatModel.js";
import { LOCAL_MODELS, localModel, localModelsMissing } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";

// Real models, run for real: they skip (saying what to install) when the files are not there.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());

const TREC_LABELS = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"];
const items = [
  { key: "1", text: "How many people live in Tokyo?" },
  { key: "2", text: "Who wrote the novel Pride and Prejudice?" },
  { key: "3", text: "What does NASA stand for?" },
  { key: "4", text: "Where is the Eiffel Tower?" },
];
const prompt = (askConfidence = false, count = items.length) =>
  messages(
    annotationPrompt({
      instructions: "Classify each question by the type of its answer.",
      labels: TREC_LABELS,
      demonstrations: [{ text: "What is the capital of Peru?", label: "LOC" }],
      items: items.slice(0, count),
      askConfidence,
    }),
  );
/** Chat turns as LangChain message fields (as tools/llm/llmClient.ts passes them). */
const messages = (turns: ReadonlyArray<{ role: string; content: string }>) => turns.map((turn) => ({ role: turn.role, content: turn.content }));

function metadata(message: { response_metadata: unknown }) {
  return message.response_metadata as { logprobs: { content: TokenLogprob[] }; finish_reason: string; evaluated_input_tokens: number };
}

if (missing) {
  it.skip(missing, () => {});
} else {
  const smol = () => new LlamaCppChatModel({ model: localModel(LOCAL_MODELS.smollm2).path, modelName: LOCAL_MODELS.smollm2 });
  afterAll(() => disposeLlamaCppEngines());

  describe("llama.cpp chat model, SmolLM2-135M-Instruct Q4_1 in-process", () => {
    it("answers an annotation prompt with labels from the set only, one per item in order, with logprobs and real token counts", async () => {
      const reply = await smol().invoke(prompt());
      const content = reply.content as string;
      const parsed = parseJsonReply(content, AnnotationReplySchema);
      expect(parsed, content).not.toBeNull();
      expect(parsed!.answers.map((a) => a.id)).toEqual(items.map((i) => i.key));
      for (const answer of parsed!.answers) expect(TREC_LABELS).toContain(answer.label);
      const logprobs = metadata(reply).logprobs.content;
      expect(logprobs.map((t) => t.token).join("")).toBe(content);
      for (const t of logprobs) expect(t.logprob).toBeLessThanOrEqual(0);
      items.forEach((_, index) => {
        const p = labelProbability(content, logprobs, index);
        expect(p).not.toBeNull();
        expect(p!).toBeGreaterThan(0);
        expect(p!).toBeLessThanOrEqual(1);
      });
      expect(reply.usage_metadata!.input_tokens).toBeGreaterThan(150);
      expect(reply.usage_metadata!.output_tokens).toBeGreaterThanOrEqual(logprobs.length);
      expect(metadata(reply).finish_reason).toBe("stop");
    });

    it("cannot produce a label outside the grammar's set, even when the prompt asks for one", async () => {
      const reply = await smol().invoke(
        [
          { role: "system", content: 'Answer with JSON: {"answers": [{"id": "1", "label": "banana"}]}. The label must be "banana".' },
          { role: "user", content: '<item id="1">I love bananas.</item>' },
        ],
        { grammar: { jsonSchema: labelAnswersSchema({ labels: ["alpha", "beta"], itemKeys: ["1"] }) } },
      );
      const answers = parseJsonReply(reply.content as string, AnnotationReplySchema)!.answers;
      expect(answers).toHaveLength(1);
      expect(["alpha", "beta"]).toContain(answers[0].label);
    });

    it("asks for a verbalized confidence too, and it comes back as a number from 0 to 1", async () => {
      const reply = await smol().invoke(prompt(true, 2));
      const parsed = JSON.parse(reply.content as string) as { answers: Array<{ label: string; confidence: unknown }> };
      expect(parsed.answers).toHaveLength(2);
      for (const answer of parsed.answers) {
        expect(typeof answer.confidence).toBe("number");
        expect(answer.confidence as number).toBeGreaterThanOrEqual(0);
        expect(answer.confidence as number).toBeLessThanOrEqual(1);
      }
    });

    it("is deterministic for a seed, and distinct seeds give distinct samples at temperature > 0", async () => {
      const model = smol();
      const turns = [{ role: "user", content: "Write a short sentence about the sea." }];
      const sample = async (seed: number) => model.invoke(turns, { temperature: 1.2, seed, maxTokens: 8, grammar: null });
      const first = await sample(1);
      expect((await sample(1)).content).toBe(first.content);
      const others = await Promise.all([2, 3].map(sample));
      expect(new Set([first, ...others].map((r) => r.content)).size).toBeGreaterThan(1);
      expect(first.usage_metadata!.output_tokens).toBeLessThanOrEqual(8);
    });

    it("runs concurrent calls on separate sequences, with the answers sequential calls give", async () => {
      const model = new LlamaCppChatModel({ model: localModel(LOCAL_MODELS.smollm2).path, sequences: 2 });
      const prompts = [0, 1].map((i) =>
        messages(annotationPrompt({ instructions: "Classify.", labels: TREC_LABELS, demonstrations: [], items: [items[i]], askConfidence: false })),
      );
      const together = await Promise.all(prompts.map((p) => model.invoke(p)));
      const oneByOne = [];
      for (const p of prompts) oneByOne.push(await model.invoke(p));
      expect(together.map((r) => r.content)).toEqual(oneByOne.map((r) => r.content));
      // The second call of a prompt re-evaluates only its last token: the sequence kept the rest.
      const again = await model.invoke(prompts[1]);
      expect(metadata(again).evaluated_input_tokens).toBeLessThan(again.usage_metadata!.input_tokens);
    });

    it("gives P(yes) from the next-token distribution: in [0, 1], and higher for the true statement of a pair", async () => {
      const model = smol();
      const shots = "Q: Is the sky blue? A: yes\nQ: Is fire cold? A: no\nQ: Do fish swim? A: yes\nQ: Do rocks sing? A: no\n";
      const ask = (question: string) => model.yesProbability([{ role: "user", content: `Answer yes or no.\n${shots}` }], `Q: ${question} A:`);
      const [france, germany, sun, ice] = await Promise.all(
        ["Is Paris the capital of France?", "Is Paris the capital of Germany?", "Is the sun hot?", "Is ice hot?"].map(ask),
      );
      for (const p of [france, germany, sun, ice]) {
        expect(p.yes).toBeGreaterThanOrEqual(0);
        expect(p.yes).toBeLessThanOrEqual(1);
        expect(p.mass).toBeGreaterThan(0.9);
      }
      expect(france.yes).toBeGreaterThan(germany.yes);
      expect(sun.yes).toBeGreaterThan(ice.yes);
    });

    it("names the file when the model is not there", async () => {
      await expect(new LlamaCppChatModel({ model: "/nonexistent/model.gguf" }).invoke("hi")).rejects.toThrow(/nonexistent\/model\.gguf/);
    });
  });

  describe("llama.cpp chat model, Gemma 3 270M Q4_K_M in-process", () => {
    it("answers an annotation prompt with labels from the set only, with label probabilities", async () => {
      const model = new LlamaCppChatModel({ model: localModel(LOCAL_MODELS.gemma3).path, modelName: LOCAL_MODELS.gemma3 });
      const reply = await model.invoke(prompt(false, 2));
      const content = reply.content as string;
      const answers = parseJsonReply(content, AnnotationReplySchema)!.answers;
      expect(answers.map((a) => a.id)).toEqual(["1", "2"]);
      for (const answer of answers) expect(TREC_LABELS).toContain(answer.label);
      const logprobs = metadata(reply).logprobs.content;
      [0, 1].forEach((index) => expect(labelProbability(content, logprobs, index)!).toBeGreaterThan(0));
    });
  });
}
