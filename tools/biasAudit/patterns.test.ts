import { describe, expect, it } from "vitest";
import { BiasAuditReplySchema, checkBiasAuditReply } from "../llm/prompts/biasAuditPrompt.js";
import { type AuditedItem, matchPatterns } from "./patterns.js";

/**
 * A pool where an annotator gave "spam" to every message with the word "free", whatever it said:
 * the spurious keyword. The pattern the audit names must flag exactly those, and nothing else.
 */
const items: AuditedItem[] = [
  { id: "a", text: "Free entry to win a prize, text now", label: "spam", cluster: 1 },
  { id: "b", text: "Are you free for lunch tomorrow?", label: "spam", cluster: 2 },
  { id: "c", text: "I am FREE after five, call me", label: "spam", cluster: 2 },
  { id: "d", text: "Lunch tomorrow at noon?", label: "ham", cluster: 2 },
  { id: "e", text: "freedom of speech is on the agenda", label: "spam", cluster: 2 },
  { id: "f", text: "Are you free tonight?", label: "ham", cluster: 2 },
  { id: "g", text: "Claim your reward now", label: "spam", cluster: 1 },
];

describe("the bias audit's pattern matcher", () => {
  it("flags the items a spurious keyword made spam, as a whole word in any case, in the cluster named", () => {
    const pattern = { cluster: 2, label: "spam", keyword: "free", description: "'free' made chat messages spam" };
    expect(matchPatterns([pattern], items).map((m) => m.id)).toEqual(["b", "c"]);
    // Anywhere: the prize offer is also matched (its label may well be right: the person relabeling decides).
    expect(matchPatterns([{ ...pattern, cluster: null }], items).map((m) => m.id)).toEqual(["a", "b", "c"]);
  });

  it("matches a whole cluster's label without a keyword, each item once, with the first pattern that matched", () => {
    const patterns = [
      { cluster: 2, label: "spam", keyword: "free", description: "keyword" },
      { cluster: 2, label: "spam", keyword: null, description: "the whole cluster" },
    ];
    expect(matchPatterns(patterns, items)).toEqual([
      { id: "b", pattern: 0 },
      { id: "c", pattern: 0 },
      { id: "e", pattern: 1 },
    ]);
  });

  it("matches nothing for a pattern with neither cluster nor keyword", () => {
    expect(matchPatterns([{ cluster: null, label: "spam", keyword: null, description: "all spam" }], items)).toEqual([]);
  });
});

describe("the bias audit's reply check", () => {
  const check = (reply: unknown) => checkBiasAuditReply(BiasAuditReplySchema.parse(reply), ["1", "2"], ["ham", "spam"], 2);

  it("turns a reply into patterns: clusters by number, any cluster as null, empty keyword as null", () => {
    expect(
      check({
        patterns: [
          { cluster: "2", label: "spam", description: "free", keyword: "free" },
          { cluster: "any", label: "ham", description: "short texts", keyword: "ok" },
        ],
      }),
    ).toEqual({
      ok: true,
      patterns: [
        { cluster: 2, label: "spam", keyword: "free", description: "free" },
        { cluster: null, label: "ham", keyword: "ok", description: "short texts" },
      ],
    });
    expect(check({ patterns: [{ cluster: 1, label: "spam", description: "all", keyword: "" }] })).toEqual({
      ok: true,
      patterns: [{ cluster: 1, label: "spam", keyword: null, description: "all" }],
    });
  });

  it.each([
    [{ cluster: "9", label: "spam", description: "x", keyword: "" }, 'bias audit reply refused: pattern 1 names cluster "9", not one of "1", "2", "any"'],
    [{ cluster: "1", label: "eggs", description: "x", keyword: "" }, 'bias audit reply refused: pattern 1 names label "eggs", not one of "ham", "spam"'],
    [{ cluster: "any", label: "spam", description: "x", keyword: "" }, 'bias audit reply refused: pattern 1 holds in cluster "any" but names no keyword'],
  ])("refuses a bad pattern in one line naming it: %j", (pattern, error) => {
    const result = check({ patterns: [pattern] });
    expect(result).toEqual({ ok: false, error });
    if (!result.ok) expect(result.error).not.toContain("\n");
  });

  it("refuses more patterns than asked, and a reply out of shape", () => {
    const one = { cluster: "1", label: "spam", description: "x", keyword: "" };
    expect(check({ patterns: [one, one, one] })).toEqual({ ok: false, error: "bias audit reply refused: 3 patterns, at most 2 asked" });
    expect(BiasAuditReplySchema.safeParse({ patterns: [{ cluster: "1", label: "spam" }] }).success).toBe(false);
  });
});
