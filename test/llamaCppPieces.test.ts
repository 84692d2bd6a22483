import { describe, expect, it } from "vitest";
import { labelProbability } from "../tools/llm/confidence.js";
import { annotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import { qualityPrompt } from "../tools/llm/prompts/qualityPrompt.js";
import { rankPrompt } from "../tools/llm/prompts/rankPrompt.js";
import { grammarForPrompt, labelAnswersGbnf, labelAnswersSchema } from "../tools/llm/providers/answerSchemas.js";
import { JsonEnd } from "../tools/llm/providers/jsonEnd.js";
import { TokenPieces } from "../tools/llm/providers/tokenPieces.js";

// The parts of the llama.cpp provider that need no model: token texts for logprobs, and the
// answer schemas its grammars are made from. (The model itself: test/llamaCppChatModel.test.ts.)

/** A byte-level tokenizer: token i is byte i; a lone continuation byte decodes to U+FFFD. */
const bytes = (tokens: readonly number[]) => Buffer.from(tokens).toString("utf8");

describe("token pieces", () => {
  it("join to the reply's text; a character split across tokens is one piece with their summed logprob", () => {
    const text = '{"label": "café 🎉"}';
    const pieces = new TokenPieces((tokens) => bytes(tokens));
    for (const byte of Buffer.from(text)) pieces.push(byte, Math.log(0.9));
    const entries = pieces.entries();
    expect(pieces.length).toBe(Buffer.byteLength(text));
    expect(entries).toHaveLength(text.length - 1); // 🎉 is two UTF-16 code units, one piece
    expect(entries.map((e) => e.token).join("")).toBe(text);
    expect(entries.find((e) => e.token === "🎉")!.logprob).toBeCloseTo(4 * Math.log(0.9), 12);
    // The label's probability is the product over every token that spells it.
    expect(labelProbability(text, entries, 0)).toBeCloseTo(0.9 ** Buffer.byteLength("café 🎉"), 10);
  });

  it("keep a reply that ends mid-character as a last piece of what it decodes to", () => {
    const pieces = new TokenPieces((tokens) => bytes(tokens));
    for (const byte of Buffer.from("ok é").subarray(0, 4)) pieces.push(byte, -0.5);
    expect(pieces.entries()).toEqual([
      { token: "o", logprob: -0.5 },
      { token: "k", logprob: -0.5 },
      { token: " ", logprob: -0.5 },
      { token: "\uFFFD", logprob: -0.5 },
    ]);
  });

  it("detokenize a token with the tokens before it as context", () => {
    const seen: number[][] = [];
    const pieces = new TokenPieces(
      (tokens, last) => {
        seen.push([...last]);
        return tokens.map((t) => `<${t}>`).join("");
      },
      [7, 8],
    );
    pieces.push(1, 0);
    pieces.push(2, 0);
    expect(seen).toEqual([
      [7, 8],
      [7, 8, 1],
    ]);
    expect(pieces.entries().map((e) => e.token)).toEqual(["<1>", "<2>"]);
  });
});

describe("answer schemas", () => {
  it("fix the label to the set and the answers to the prompt's items, in order", () => {
    expect(labelAnswersSchema({ labels: ["neg", "pos"], itemKeys: ["1", "2"], confidence: true })).toEqual({
      type: "object",
      properties: {
        answers: {
          type: "array",
          prefixItems: [
            { type: "object", properties: { id: { const: "1" }, label: { enum: ["neg", "pos"] }, confidence: { type: "number" } } },
            { type: "object", properties: { id: { const: "2" }, label: { enum: ["neg", "pos"] }, confidence: { type: "number" } } },
          ],
          minItems: 2,
          maxItems: 2,
        },
      },
    });
  });

  it("as GBNF, spell the prompt's answer shape exactly, labels JSON-quoted, confidence from 0 to 1", () => {
    const gbnf = labelAnswersGbnf({ labels: ["neg", 'say "hi"'], itemKeys: ["1"], confidence: true });
    expect(gbnf.split("\n")).toEqual([
      'root ::= "{\\"answers\\": [" "{\\"id\\": \\"1\\", " "\\"label\\": " label ", \\"confidence\\": " confidence "}" "]}"',
      'label ::= "\\"neg\\"" | "\\"say \\\\\\"hi\\\\\\"\\""',
      'confidence ::= "0" ("." [0-9] [0-9]? [0-9]?)? | "1" ("." "0" "0"? "0"?)?',
    ]);
  });

  it("are read from activegraph's annotation and Ask-LLM prompts, and from no other", () => {
    const annotate = annotationPrompt({
      instructions: "Spam?",
      labels: ["ham", "spam"],
      demonstrations: [],
      items: [{ key: "1", text: "hi" }],
      askConfidence: false,
      chainOfThought: true,
    });
    expect(grammarForPrompt(annotate)).toEqual({
      gbnf: labelAnswersGbnf({ labels: ["ham", "spam"], itemKeys: ["1"], reasoning: true, confidence: false }),
      json: true,
    });
    const quality = qualityPrompt({
      instructions: "Spam?",
      labels: ["ham", "spam"],
      items: [
        { key: "1", text: "a" },
        { key: "2", text: "b" },
      ],
    });
    expect(grammarForPrompt(quality)).toEqual({ gbnf: labelAnswersGbnf({ labels: ["yes", "no"], itemKeys: ["1", "2"] }), json: true });
    expect(grammarForPrompt(rankPrompt({ instructions: "Spam?", labels: ["ham", "spam"], items: [{ key: "1", text: "a" }], pick: 1 }))).toBeNull();
    expect(grammarForPrompt([{ role: "user", content: "hello" }])).toBeNull();
  });

  it("refuse an empty label set or item list", () => {
    expect(() => labelAnswersSchema({ labels: [], itemKeys: ["1"] })).toThrow(/no labels/);
    expect(() => labelAnswersSchema({ labels: ["a"], itemKeys: [] })).toThrow(/no items/);
    expect(() => labelAnswersGbnf({ labels: [], itemKeys: ["1"] })).toThrow(/no labels/);
  });
});

describe("the end of a JSON reply", () => {
  it("is where its first object closes, whatever the whitespace, braces in strings and escapes", () => {
    const reply = '{\n    "answers": [\n        {"id": "1", "label": "a}\\"]{"}\n    ]\n}';
    const end = new JsonEnd();
    const closedAt = [...reply].findIndex((char) => end.push(char));
    expect(closedAt).toBe(reply.length - 1);
    expect(JSON.parse(reply)).toEqual({ answers: [{ id: "1", label: 'a}"]{' }] });
    expect(new JsonEnd().push('  {"a": [1, 2]} trailing')).toBe(true);
    expect(new JsonEnd().push('{"a": "}"')).toBe(false);
  });
});
