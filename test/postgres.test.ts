import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { threadStatus } from "../graphs/activeLearning/runThread.js";
import { describe, expect, it } from "vitest";
import { cli, cliKilledAt } from "./helpers/cli.js";
import { syntheticTopics, toJsonl } from "./helpers/synthetic.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

/**
 * Needs a PostgreSQL server: ACTIVEGRAPH_TEST_POSTGRES_URL (.ci/run installs and starts one and
 * sets it). Without it the test is skipped, saying so.
 */
const url = process.env.ACTIVEGRAPH_TEST_POSTGRES_URL;
if (!url) console.warn("postgres.test.ts skipped: set ACTIVEGRAPH_TEST_POSTGRES_URL to a PostgreSQL database (.ci/run does)");

describe.skipIf(!url)("PostgresSaver as the checkpointer", () => {
  it("a process killed mid-run resumes from Postgres in a new process and loses no label", async () => {
    const dir = tempDir();
    const train = writeFile(dir, "train.jsonl", toJsonl(syntheticTopics(3000, 21)));
    const thread = `pg-${Date.now()}`;
    const args = ["run", "--dataset", train, "--strategy", "margin", "--max-labels", "600", "--seed", "5", "--checkpointer", url!];

    // The uninterrupted run and the one killed are separate processes on separate threads: at once.
    const out = join(dir, "cut");
    const [whole, killed] = await Promise.all([
      cli([...args, "--out", join(dir, "whole"), "--thread", `${thread}-whole`]),
      cliKilledAt([...args, "--out", out, "--thread", thread], "round 2:"),
    ]);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stderr).not.toContain(new URL(url!).password || "\u0000");
    expect(killed).toBe("SIGKILL");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query("SELECT count(*)::int AS n FROM checkpoints WHERE thread_id = $1", [thread]);
    await client.end();
    expect(rows.rows[0].n).toBeGreaterThan(0);
    const saver = PostgresSaver.fromConnString(url!);
    const cut = await threadStatus(saver, thread);
    await saver.end();
    expect(cut.kind).toBe("unfinished");

    const resumed = await cli(["run", "--checkpointer", url!, "--out", out, "--thread", thread]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming thread ${thread}`);
    const labels = (path: string) =>
      readFileSync(path, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
    const a = labels(join(dir, "whole", `${thread}-whole.labels.jsonl`));
    const b = labels(join(out, `${thread}.labels.jsonl`));
    expect(b, resumed.stdout + resumed.stderr).toHaveLength(600);
    expect(b.map((r) => [r.id, r.label])).toEqual(a.map((r) => [r.id, r.label]));
  });
});
