/**
 * LLM annotation throughput and cost: `npm run bench:llm`.
 *
 * 1. Labels per second against a loopback OpenAI-compatible server that answers every call after a
 *    fixed latency (default 200 ms), through ChatOpenAI and activegraph's client, at concurrency 1,
 *    4 and 16: first the annotator alone, then the whole graph (annotateLLM waves, SQLite checkpoints).
 * 2. Tokens and USD per label at 1, 5 and 10 items per call, with the simulated model on the
 *    built-in SpamAssassin data (token counts are the simulator's, about four characters a token).
 */
import { join } from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { ChatOpenAI } from "@langchain/openai";
import Table from "cli-table3";
import { Command } from "commander";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { annotateWithLlm } from "../tools/llm/annotator.js";
import { BudgetGuard } from "../tools/llm/budgetGuard.js";
import { LlmSchema } from "../tools/llm/config.js";
import { LlmClient } from "../tools/llm/llmClient.js";
import { priceFor } from "../tools/llm/prices.js";
import { parseAnnotationPrompt } from "../tools/llm/prompts/annotatePrompt.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { startOpenAiServer } from "./loopbackOpenAi.js";
import { allowManyAbortListeners } from "../tools/quietAbortListeners.js";

allowManyAbortListeners();

const program = new Command()
  .option("--latency <ms>", "server latency per call", Number, 200)
  .option("--seconds <s>", "approximate length of each throughput measurement", Number, 4)
  .parse();
const { latency, seconds } = program.opts<{ latency: number; seconds: number }>();

const server = await startOpenAiServer((request) => {
  const prompt = parseAnnotationPrompt(request.messages.map((m) => ({ role: m.role as "system" | "user", content: m.content })));
  const answers = (prompt?.items ?? []).map((item) => ({ id: item.key, label: prompt!.labels[item.text.length % prompt!.labels.length] }));
  return { kind: "ok", content: JSON.stringify({ answers }), delayMs: latency };
});

const texts = Array.from({ length: 2000 }, (_, i) => `message ${i}: ${"lorem ipsum dolor sit amet ".repeat(1 + (i % 7))}`);
const rows: string[][] = [];
try {
  for (const concurrency of [1, 4, 16]) {
    const items = Math.max(8, Math.round(((seconds * 1000) / latency) * concurrency));
    const llm = LlmSchema.parse({ provider: "openai", baseUrl: server.baseUrl, concurrency, logprobs: false });
    const model = new ChatOpenAI({ model: llm.model, apiKey: "loopback", configuration: { baseURL: server.baseUrl }, maxRetries: 0, temperature: 0 });
    const client = new LlmClient(llm, model, priceFor(llm.model), null);
    const settings = { instructions: "Label it.", labels: ["ham", "spam"], confidence: "auto" as const, samples: 2 };
    const started = performance.now();
    await Promise.all(texts.slice(0, items).map((text, i) => annotateWithLlm(client, [{ id: String(i), text }], [], settings, BudgetGuard.unlimited())));
    const annotator = items / ((performance.now() - started) / 1000);

    // The same through the graph: one round that labels `items` pool items, checkpointed in SQLite.
    const dir = mkdtempSync(join(tmpdir(), "activegraph-throughput-"));
    const train = join(dir, "train.jsonl");
    writeFileSync(
      train,
      texts
        .slice(0, items + 20)
        .map((text, i) => JSON.stringify({ text, label: i % 2 ? "spam" : "ham" }))
        .join("\n"),
    );
    const config = parseRunConfig({
      dataset: { train },
      strategy: "random",
      initial: { size: items },
      annotator: { kind: "llm", llm: { provider: "openai", baseUrl: server.baseUrl, concurrency, logprobs: false }, demonstrations: 0 },
      llmCache: "off",
      stopping: { maxLabels: items },
    });
    process.env.OPENAI_API_KEY ??= "loopback";
    const { state } = await runThread({ threadId: "t", checkpointer: SqliteSaver.fromConnString(join(dir, "c.sqlite")), config });
    const annotateMs = state.history[0].stageMs.annotate;
    const graph = state.labels.length / (annotateMs / 1000);
    const ideal = concurrency / (latency / 1000);
    rows.push([
      String(concurrency),
      String(items),
      annotator.toFixed(1),
      graph.toFixed(1),
      ideal.toFixed(1),
      `${((100 * annotator) / ideal).toFixed(0)}% / ${((100 * graph) / ideal).toFixed(0)}%`,
    ]);
  }
} finally {
  await server.close();
}

const table = new Table({
  head: ["concurrency", "labels", "annotator labels/s", "graph labels/s", "concurrency ÷ latency", "share of ideal"],
  style: { head: [], border: [] },
});
table.push(...rows);
console.log(`Annotation throughput, loopback server with ${latency} ms latency, 1 item per call`);
console.log(table.toString());

// Tokens and USD per label on real text, by items per call (simulated token counts).
const gold = new Map((await loadDataset({ builtin: "spamassassin" })).train.map((item) => [item.id, item.label]));
const costRows: string[][] = [];
for (const itemsPerCall of [1, 5, 10]) {
  const config = parseRunConfig({
    dataset: { builtin: "spamassassin" },
    strategy: "random",
    initial: { size: 100 },
    annotator: { kind: "llm", llm: { provider: "simulated", model: "gpt-4o-mini" }, itemsPerCall },
    llmCache: "off",
    stopping: { maxLabels: 200 },
  });
  const { MemorySaver } = await import("@langchain/langgraph");
  const { state } = await runThread({ threadId: `cost-${itemsPerCall}`, checkpointer: new MemorySaver(), config });
  const spend = state.ledger.llm["simulated:gpt-4o-mini"];
  const labels = state.labels.length;
  costRows.push([
    String(itemsPerCall),
    String(labels),
    String(spend.calls),
    (spend.inputTokens / labels).toFixed(0),
    (spend.outputTokens / labels).toFixed(1),
    `$${((1000 * spend.usd) / labels).toFixed(4)}`,
    `${((100 * state.labels.filter((r) => gold.get(r.id) === r.label).length) / labels).toFixed(1)}%`,
  ]);
}
const costTable = new Table({
  head: ["items per call", "labels", "calls", "input tokens / label", "output tokens / label", "USD per 1,000 labels", "labels right (vs gold)"],
  style: { head: [], border: [] },
});
costTable.push(...costRows);
console.log(
  "Tokens and USD per label, SpamAssassin, 4 k-NN demonstrations, simulated LLM priced as gpt-4o-mini (token counts simulated; the simulator labels each item alone, so its accuracy does not change with items per call as a real LLM's may)",
);
console.log(costTable.toString());
