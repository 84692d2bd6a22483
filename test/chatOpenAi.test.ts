import { afterEach, describe, expect, it } from "vitest";
import { annotateWithLlm } from "../tools/llm/annotator.js";
import { BudgetGuard } from "../tools/llm/budgetGuard.js";
import { costUsd, priceFor } from "../tools/llm/prices.js";
import { openAiClient } from "./helpers/llm.js";
import { startOpenAiServer, type Reply } from "../evals/loopbackOpenAi.js";

const settings = { instructions: "Sentiment.", labels: ["neg", "pos"], confidence: "auto" as const, samples: 3 };
const item = [{ id: "x", text: "a good film" }];
const good = (label = "pos", p = 0.8): Reply => {
  const prefix = '{"answers":[{"id":"1","label":"';
  return {
    kind: "ok",
    content: `${prefix}${label}"}]}`,
    logprobs: [
      { token: prefix, logprob: 0 },
      { token: label, logprob: Math.log(p) },
      { token: '"}]}', logprob: 0 },
    ],
    promptTokens: 120,
    completionTokens: 14,
  };
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(handler: (index: number) => Reply) {
  const server = await startOpenAiServer((_request, index) => handler(index));
  close = server.close;
  return server;
}

describe("ChatOpenAI against a loopback OpenAI-compatible server", () => {
  it("labels from chat completions, with usage priced and logprobs as confidence", async () => {
    const server = await serve(() => good("pos", 0.8));
    const outcome = await annotateWithLlm(openAiClient(server.baseUrl), item, [], settings, BudgetGuard.unlimited());
    expect(outcome.answers).toEqual([{ id: "x", label: "pos", confidence: expect.closeTo(0.8, 6), method: "logprobs" }]);
    expect(outcome.spend).toMatchObject({ calls: 1, inputTokens: 120, outputTokens: 14 });
    expect(outcome.spend.usd).toBeCloseTo(costUsd(priceFor("gpt-4o-mini"), 120, 14), 12);
    const request = server.requests[0];
    expect(request).toMatchObject({ model: "gpt-4o-mini", logprobs: true, temperature: 0 });
    expect(request.messages[0].content).toContain('"neg"');
  });

  it("waits out a 429 and succeeds", async () => {
    const server = await serve((index) => (index === 0 ? { kind: "status", status: 429, headers: { "retry-after": "0" } } : good()));
    const outcome = await annotateWithLlm(openAiClient(server.baseUrl), item, [], settings, BudgetGuard.unlimited());
    expect(outcome.answers).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("retries a 500, and reports the item failed when the server keeps failing", async () => {
    const flaky = await serve((index) => (index < 2 ? { kind: "status", status: 500 } : good()));
    expect((await annotateWithLlm(openAiClient(flaky.baseUrl), item, [], settings, BudgetGuard.unlimited())).answers).toHaveLength(1);
    expect(flaky.requests).toHaveLength(3);
    await close?.();
    const down = await serve(() => ({ kind: "status", status: 500 }));
    const outcome = await annotateWithLlm(openAiClient(down.baseUrl, { maxRetries: 2 }), item, [], settings, BudgetGuard.unlimited());
    expect(outcome.failures).toEqual([{ id: "x", reason: expect.stringMatching(/^call failed: 500/) }]);
    expect(down.requests).toHaveLength(3);
  });

  it("times out a reply slower than the timeout, retries, and fails the item", async () => {
    const server = await serve(() => ({ ...good(), delayMs: 1500 }));
    const outcome = await annotateWithLlm(openAiClient(server.baseUrl, { timeoutMs: 200, maxRetries: 1 }), item, [], settings, BudgetGuard.unlimited());
    expect(outcome.failures).toEqual([{ id: "x", reason: expect.stringMatching(/call failed: .*(timed out|timeout|aborted)/i) }]);
    expect(server.requests).toHaveLength(2);
  });

  it("asks again after malformed JSON, then fails the item, paying for both replies", async () => {
    const server = await serve(() => ({ kind: "ok", content: '{"answers": [{"id": "1", "label": "po', promptTokens: 100, completionTokens: 9 }));
    const outcome = await annotateWithLlm(openAiClient(server.baseUrl), item, [], settings, BudgetGuard.unlimited());
    expect(outcome.failures).toEqual([{ id: "x", reason: expect.stringMatching(/^malformed reply/) }]);
    expect(outcome.spend).toMatchObject({ calls: 2, inputTokens: 200, outputTokens: 18 });
  });

  it("refuses a label outside the set, and takes a right one on the second try", async () => {
    const server = await serve((index) => (index === 0 ? good("positive-ish") : good("pos")));
    const outcome = await annotateWithLlm(openAiClient(server.baseUrl), item, [], settings, BudgetGuard.unlimited());
    expect(outcome.answers.map((a) => a.label)).toEqual(["pos"]);
    expect(server.requests).toHaveLength(2);
  });
});
