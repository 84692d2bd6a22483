import { join } from "node:path";
import Database from "better-sqlite3";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { describe, expect, it } from "vitest";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { syntheticTopics, toJsonl } from "./helpers/synthetic.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

/** Bytes a thread's checkpoints and pending writes take in the SQLite checkpointer. */
function checkpointBytes(db: string): { total: number; last: number } {
  const sqlite = new Database(db, { readonly: true });
  const sum = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  const total = sum("SELECT SUM(LENGTH(checkpoint) + LENGTH(metadata)) AS n FROM checkpoints") + sum("SELECT SUM(LENGTH(value)) AS n FROM writes");
  const last = sum("SELECT LENGTH(checkpoint) + LENGTH(metadata) AS n FROM checkpoints ORDER BY checkpoint_id DESC LIMIT 1");
  sqlite.close();
  return { total, last };
}

describe("checkpoint size", () => {
  it("does not grow with the pool: the same labels over a pool ten times larger take the same bytes (±5%)", async () => {
    const dir = tempDir();
    const sizes = [];
    // Fixed-width ids and same-length labels and paths: any difference would come from the pool.
    for (const [name, count] of [
      ["pool-s.jsonl", 400],
      ["pool-l.jsonl", 4000],
    ] as const) {
      const train = writeFile(dir, name, toJsonl(syntheticTopics(count, 5)));
      const db = join(dir, `${name}.sqlite`);
      const config = parseRunConfig({ dataset: { train, idField: "id" }, strategy: "margin", stopping: { maxLabels: 60 } });
      const { state } = await runThread({ threadId: "t", checkpointer: SqliteSaver.fromConnString(db), config });
      expect(state.labels).toHaveLength(60);
      sizes.push(checkpointBytes(db));
    }
    const [small, large] = sizes;
    expect(Math.abs(large.total - small.total) / small.total).toBeLessThan(0.05);
    expect(Math.abs(large.last - small.last) / small.last).toBeLessThan(0.05);
  });
});
