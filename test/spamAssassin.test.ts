import { describe, expect, it } from "vitest";
import { loadSpamAssassin } from "../tools/pool/spamAssassin.js";

describe("the built-in SpamAssassin dataset", () => {
  it("has every message, split 80/20 by group, without the headers that give the label away", async () => {
    const said: string[] = [];
    const data = await loadSpamAssassin((line) => said.push(line));
    // Parsing (the first load on a machine) says when it starts and when it has cached; a cached load says nothing.
    if (said.length > 0) {
      expect(said).toHaveLength(2);
      expect(said[0]).toMatch(/^activegraph: parsing the SpamAssassin corpus/);
      expect(said[1]).toMatch(/^activegraph: SpamAssassin parsed in \d+ s and cached in .*spamassassin-v\d+\.jsonl\.gz$/);
    }
    expect(await loadSpamAssassin((line) => said.push(line))).toEqual(data);
    expect(said.length).toBeLessThanOrEqual(2);
    expect(data.train.length + data.test!.length).toBe(6046);
    expect(data.test!.length).toBe(1209);
    expect(data.labels).toEqual(["ham", "spam"]);
    const spamShare = (items: readonly { label: string }[]) => items.filter((i) => i.label === "spam").length / items.length;
    expect(spamShare(data.test!)).toBeCloseTo(spamShare(data.train), 2);
    const all = [...data.train, ...data.test!];
    expect(new Set(all.map((i) => i.id)).size).toBe(6046);
    // The only header kept is the subject: the text's first paragraph is one "Subject:" line.
    expect(all.every((i) => /^Subject:[^\n]*\n\n/.test(i.text))).toBe(true);
  });
});
