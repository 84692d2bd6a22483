import { describe, expect, it } from "vitest";
import { emptySpend } from "../tools/cost/spend.js";
import { BudgetGuard } from "../tools/llm/budgetGuard.js";
import { verifyLabels } from "../tools/llm/verifier.js";
import { keywordTeacher, simulatedClient } from "./helpers/llm.js";

describe("verifying proposed labels", () => {
  it("checks many items in calls of ten, so no reply is cut off at maxTokens: every item gets a verdict", async () => {
    const client = simulatedClient(keywordTeacher(), { maxTokens: 300 });
    const items = Array.from({ length: 45 }, (_, i) => ({ id: `i${i}`, text: i % 2 ? "a good one" : "a bad one", proposed: "pos" }));
    const spend = emptySpend();
    const verdicts = await verifyLabels(client, items, { instructions: "Sentiment.", labels: ["neg", "pos"] }, BudgetGuard.unlimited(), spend);
    expect(spend.calls).toBe(5);
    expect([...verdicts.values()].every((verdict) => verdict !== null)).toBe(true);
    // The teacher knows "good" from "bad": "pos" is right for the odd items only.
    expect(items.filter((item, i) => verdicts.get(item.id) === (i % 2 === 1)).length).toBeGreaterThan(40);
  });
});
