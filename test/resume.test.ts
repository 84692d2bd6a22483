import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { describe, it } from "vitest";
import { runThread, threadStatus } from "../graphs/activeLearning/runThread.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { cli, cliKilledAt } from "./helpers/cli.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { syntheticTopics, toJsonl } from "./helpers/synthetic.js";
import { tempDir, writeFile } from "./helpers/tmp.js";

// The two tests share nothing: one runs in this process, the other in CLI processes of its own, side
// by side (the local `expect` of each test context, as concurrent tests need).
describe.concurrent("kill and resume", () => {
  it("a run stopped after round 2 resumes from its SQLite checkpoint and ends with the same labels", async ({ expect }) => {
    const dir = tempDir();
    const config = parseRunConfig(fixtureConfig({ strategy: "entropy", stopping: { maxLabels: 60 } }));
    const whole = await runThread({ threadId: "whole", checkpointer: SqliteSaver.fromConnString(join(dir, "a.sqlite")), config });

    const db = join(dir, "b.sqlite");
    const stop = new AbortController();
    await expect(
      runThread({
        threadId: "cut",
        checkpointer: SqliteSaver.fromConnString(db),
        config,
        signal: stop.signal,
        onRound: (m) => m.round === 2 && stop.abort(),
      }),
    ).rejects.toThrow(/abort/i);

    // A new process: nothing cached, a new connection to the same file.
    const saver = SqliteSaver.fromConnString(db);
    const cut = await threadStatus(saver, "cut");
    expect(cut.kind).toBe("unfinished");
    const before = cut.kind === "unfinished" ? cut.state.labels : [];
    expect(before.length).toBeGreaterThanOrEqual(20);
    expect(before.length).toBeLessThan(60);

    const resumed = await runThread({ threadId: "cut", checkpointer: saver });
    expect(resumed.status).toBe("resumed");
    expect(resumed.state.labels.slice(0, before.length)).toEqual(before);
    expect(resumed.state.labels).toEqual(whole.state.labels);
    expect(resumed.state.history.map((m) => m.round)).toEqual(whole.state.history.map((m) => m.round));
    expect(resumed.state.stopReason).toEqual(whole.state.stopReason);
  });

  it("the CLI resumes a process killed mid-run with --thread, relabeling nothing", async ({ expect }) => {
    const dir = tempDir();
    const train = writeFile(dir, "train.jsonl", toJsonl(syntheticTopics(3000, 11)));
    const args = ["run", "--dataset", train, "--strategy", "margin", "--max-labels", "600", "--seed", "3"];

    // The uninterrupted run and the one killed are separate processes on separate folders: at once.
    const out = join(dir, "cut");
    const [whole, killed] = await Promise.all([
      cli([...args, "--out", join(dir, "whole"), "--thread", "w"]),
      cliKilledAt([...args, "--out", out, "--thread", "k"], "round 2:"),
    ]);
    expect(whole.code).toBe(0);
    expect(killed).toBe("SIGKILL");
    const status = await threadStatus(SqliteSaver.fromConnString(join(out, "checkpoints.sqlite")), "k");
    expect(status.kind).toBe("unfinished");

    const resumed = await cli(["run", "--out", out, "--thread", "k"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("resuming thread k");
    const labels = (path: string) =>
      readFileSync(path, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
    const a = labels(join(dir, "whole", "w.labels.jsonl"));
    const b = labels(join(out, "k.labels.jsonl"));
    expect(b).toHaveLength(600);
    expect(b.map((r) => [r.id, r.label, r.round])).toEqual(a.map((r) => [r.id, r.label, r.round]));
    // Each label was paid for once: the ledger counts exactly as many labels as the records.
    const result = JSON.parse(readFileSync(join(out, "k.json"), "utf8"));
    expect(result.ledger.human.labels).toBe(600);
  });
});
