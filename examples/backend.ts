/**
 * activegraph from backend code: import the graph, run it in-process with SQLite checkpoints, and
 * read the result. `npx tsx examples/backend.ts [--dataset <name|path>] [--db <file>]`.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { Command } from "commander";
// In your project: from "activegraph".
import { parseRunConfig, runThread } from "../api/index.js";
import { datasetSpecFromArg } from "../tools/pool/datasetSpec.js";

export async function runBackend(dataset: string, db: string, threadId = "backend-example") {
  mkdirSync(dirname(db), { recursive: true });
  const config = parseRunConfig({
    dataset: datasetSpecFromArg(dataset),
    strategy: "margin",
    initial: { size: 10 },
    batchSize: 10,
    // An LLM labels (simulated offline; set provider "openai" and OPENAI_API_KEY for a real one).
    annotator: { kind: "llm", llm: { provider: "simulated", model: "gpt-4o-mini" } },
    stopping: { maxLabels: 60, maxUsd: 1 },
  });
  return runThread({
    threadId,
    checkpointer: SqliteSaver.fromConnString(db),
    config,
    onRound: (m) =>
      console.log(`round ${m.round}: ${m.labels} labels, $${m.usd.toFixed(4)}, accuracy ${m.accuracy === null ? "–" : (100 * m.accuracy).toFixed(1)}%`),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { dataset, db } = new Command()
    .option("--dataset <name|path>", "dataset", "spamassassin")
    .option("--db <file>", "SQLite checkpoint file", "runs/backend-example.sqlite")
    .parse()
    .opts<{ dataset: string; db: string }>();
  const { state } = await runBackend(dataset, db);
  console.log(`stopped: ${state.stopReason?.message}; ${state.labels.length} labels for $${state.ledger.totalUsd.toFixed(4)}`);
}
