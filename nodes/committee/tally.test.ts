import { describe, expect, it } from "vitest";
import { parseRunConfig } from "../../runtime/config/runConfig.js";
import { createServices } from "../../runtime/services.js";
import { fixtureConfig } from "../../test/helpers/fixtures.js";
import { tally } from "./tally.js";

describe("tally", () => {
  it("reduces constructed votes to a majority, agreement, vote entropy and KL to consensus", async () => {
    const c = parseRunConfig(fixtureConfig({ llmCache: "off" }));
    const services = createServices();
    const run = await services.workspace(c);
    const [a, b] = run.classes;
    const probs = (label: string, p: number) => run.classes.map((l) => (l === label ? p : (1 - p) / (run.classes.length - 1)));
    const { verdicts } = await tally(services)({
      config: c,
      round: 1,
      items: [
        { id: "agree", text: "" },
        { id: "split", text: "" },
      ],
      labels: [],
      generated: [],
      itemsPerCall: 5,
      budgetUsd: null,
      spend: [],
      failures: [],
      verdicts: [],
      votes: [
        { member: "m1", id: "agree", label: a, confidence: 0.9, probs: probs(a, 0.9) },
        { member: "m2", id: "agree", label: a, confidence: 0.9, probs: probs(a, 0.9) },
        { member: "m3", id: "agree", label: a, confidence: 0.9, probs: probs(a, 0.9) },
        { member: "m1", id: "split", label: a, confidence: 0.9, probs: probs(a, 0.9), rationale: "looks like a" },
        { member: "m2", id: "split", label: b, confidence: 0.9, probs: probs(b, 0.9) },
        { member: "m3", id: "split", label: a, confidence: 0.6, probs: probs(a, 0.6) },
      ],
    });
    const [agree, split] = verdicts!;
    expect(agree).toMatchObject({ id: "agree", label: a, agreement: 1, voteEntropy: 0, klToConsensus: expect.closeTo(0, 9) });
    expect(split).toMatchObject({ id: "split", label: a, agreement: 2 / 3, rationales: ["m1: looks like a"] });
    // Votes 2:1 → entropy −(2/3 ln 2/3 + 1/3 ln 1/3).
    expect(split.voteEntropy).toBeCloseTo(-((2 / 3) * Math.log(2 / 3) + (1 / 3) * Math.log(1 / 3)), 9);
    expect(split.klToConsensus).toBeGreaterThan(0.1);
  });
});
