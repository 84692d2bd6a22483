import { describe, expect, it } from "vitest";
import { AnnotationReplySchema } from "../prompts/annotatePrompt.js";
import { parseJsonReply } from "../prompts/delimit.js";
import { QualityReplySchema } from "../prompts/qualityPrompt.js";
import { RankReplySchema } from "../prompts/rankPrompt.js";
import { VerificationReplySchema } from "../prompts/verifyPrompt.js";
import { annotationGrammar, qualityGrammar, rankGrammar, textsGrammar, verdictsGrammar } from "./replyGrammars.js";
import type { ReplyTemplate } from "./templateReply.js";

/** The reply a template gives when each slot takes the option `pick` chooses (as templateReply.ts joins it). */
const fill = (template: ReplyTemplate, pick: (options: readonly string[], slot: number) => string) => {
  let slot = 0;
  return template.map((part) => (typeof part === "string" ? part : pick(part.oneOf, slot++))).join("");
};
const slots = (template: ReplyTemplate) => template.filter((part) => typeof part !== "string");

describe("reply grammars and templates", () => {
  const labels = ["ABBR", "DESC", 'say "hi"'];

  it("annotation: a template whose every filling is a reply the parser reads, labels of the set in the items' order", () => {
    const { template, json } = annotationGrammar({ labels, itemKeys: ["1", "2", "3"] });
    expect(json).toBe(true);
    expect(slots(template!)).toHaveLength(3);
    const reply = parseJsonReply(
      fill(template!, (options, slot) => options[slot % options.length]),
      AnnotationReplySchema,
    );
    expect(reply!.answers).toEqual([
      { id: "1", label: "ABBR" },
      { id: "2", label: "DESC" },
      { id: "3", label: 'say "hi"' },
    ]);
  });

  it("annotation with a verbalized confidence: the confidence slot offers tenths, none a prefix of another", () => {
    const { template } = annotationGrammar({ labels, itemKeys: ["1", "2"], confidence: true });
    const [label, confidence] = slots(template!) as Array<{ oneOf: readonly string[] }>;
    expect(label.oneOf).toHaveLength(3);
    expect(confidence.oneOf).toEqual(["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"]);
    const reply = JSON.parse(fill(template!, (options) => options.at(-1)!)) as { answers: Array<{ label: string; confidence: number }> };
    expect(reply.answers).toEqual([
      { id: "1", label: 'say "hi"', confidence: 1 },
      { id: "2", label: 'say "hi"', confidence: 1 },
    ]);
  });

  it("annotation with reasoning has no template (the reasoning is free text) but a GBNF grammar naming every label", () => {
    const grammar = annotationGrammar({ labels, itemKeys: ["1"], reasoning: true });
    expect(grammar.template).toBeUndefined();
    expect(grammar.gbnf).toContain("string ::=");
    for (const label of labels) expect(grammar.gbnf).toContain(JSON.stringify(JSON.stringify(label)));
  });

  it("Ask-LLM: yes or no per item", () => {
    const { template } = qualityGrammar(["1", "2"]);
    expect(slots(template!).map((slot) => slot.oneOf)).toEqual([
      ["yes", "no"],
      ["yes", "no"],
    ]);
    expect(
      parseJsonReply(
        fill(template!, (o, s) => o[s]),
        QualityReplySchema,
      )!.answers.map((a) => a.label),
    ).toEqual(["yes", "no"]);
  });

  it("ranking: exactly min(pick, candidates) ids of the candidates", () => {
    const { template, gbnf } = rankGrammar(["1", "2", "3"], 5);
    expect(slots(template!)).toHaveLength(3);
    expect(
      parseJsonReply(
        fill(template!, (o, s) => o[2 - s]),
        RankReplySchema,
      )!.ranking,
    ).toEqual(["3", "2", "1"]);
    expect(gbnf).toMatch(/^root ::= .*id .*id .*id /);
    expect(() => rankGrammar([], 1)).toThrow(/no candidates/);
  });

  it("verification: a verdict and a label of the set per item", () => {
    const { template } = verdictsGrammar(["1", "2"], ["a", "b"]);
    const reply = parseJsonReply(
      fill(template!, (o, s) => o[s % 2]),
      VerificationReplySchema,
    );
    expect(reply!.verdicts).toEqual([
      { id: "1", correct: true, label: "b" },
      { id: "2", correct: true, label: "b" },
    ]);
  });

  it("generation: GBNF for exactly `count` non-empty JSON strings, no template (the texts are free)", () => {
    const grammar = textsGrammar(2);
    expect(grammar.template).toBeUndefined();
    expect(grammar.gbnf.split("\n")[0]).toBe('root ::= "{\\"texts\\": [" text ", " text "]}"');
    // One or more characters: an empty text cannot be generated.
    expect(grammar.gbnf.split("\n")[1]).toMatch(/^text ::= .*\)\+ /);
    expect(() => textsGrammar(0)).toThrow(/count/);
  });
});
