import { describe, expect, it } from "vitest";
import { embeddingProgressLines } from "./embeddingProgress.js";

describe("embedding progress lines", () => {
  it("say when a pass starts, at most every interval while it runs, and its rate at the end", () => {
    const lines: string[] = [];
    let clock = 0;
    const report = embeddingProgressLines(
      "the trec6 pool with minilm",
      (line) => lines.push(line),
      10_000,
      () => clock,
    );
    report({ done: 0, total: 1000, cached: 0 });
    clock = 4_000;
    report({ done: 256, total: 1000, cached: 256 }); // 4 s: too soon for a line
    clock = 12_000;
    report({ done: 512, total: 1000, cached: 256 });
    clock = 20_000;
    report({ done: 1000, total: 1000, cached: 256 });
    expect(lines).toEqual([
      "embedding the trec6 pool with minilm: 1,000 texts…",
      "embedding the trec6 pool with minilm: 512/1,000 (21 texts/s, 256 from the cache)",
      "embedded the trec6 pool with minilm: 1,000 texts in 20 s (37 texts/s, 256 from the cache)",
    ]);
  });

  it("say so when everything came from the cache", () => {
    const lines: string[] = [];
    const report = embeddingProgressLines(
      "x",
      (line) => lines.push(line),
      10_000,
      () => 0,
    );
    report({ done: 0, total: 10, cached: 0 });
    report({ done: 10, total: 10, cached: 10 });
    expect(lines[1]).toBe("embedded x: 10 texts in 0 s (all from the cache)");
  });
});
