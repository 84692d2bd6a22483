import { MemorySaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { runThread } from "./graphs/runThread.js";
import { parseRunConfig } from "./tools/runConfig.js";
import { fixtureConfig } from "./test/helpers/fixtures.js";
for (const extra of [{ strategy: "cot-qbc" }, { strategy: "llm-rank" }, { strategy: "ask-llm" }, { strategy: "llm-prune" }, { strategy: "llm-clusters" }, { annotator: { kind: "committee" } }, { annotator: { kind: "committee", review: { acceptAbove: 0.99 } } }] as const) {
  const t0 = performance.now();
  const config = parseRunConfig(fixtureConfig({ ...(extra as object), llmCache: "off", stopping: { maxLabels: 30 } }));
  const r = await runThread({ threadId: "t", checkpointer: SqliteSaver.fromConnString(":memory:"), config, responder: async (qs) => Object.fromEntries(qs.map((q) => [q.interruptId, Object.fromEntries(q.request.items.map((i) => [i.id, q.request.labels[0]]))])) });
  const s = r.state;
  console.log(JSON.stringify(extra), Math.round(performance.now() - t0), "ms", s.labels.length, s.stopReason?.criterion, Object.keys(s.ledger.llm).join(","), s.labels.filter((l) => l.rationales).length, s.labels.at(-1)?.source, s.history.map((h) => (100 * (h.accuracy ?? 0)).toFixed(0)).join(" "));
}
