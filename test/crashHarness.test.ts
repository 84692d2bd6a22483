import { describe, expect, it } from "vitest";
import { totals } from "../evals/crash/crashReport.js";
import { runCrashHarness } from "../evals/crash/harness.js";
import { SCENARIOS } from "../evals/crash/scenarios.js";
import { CRASH_CHILD } from "./helpers/cli.js";
import { tempDir } from "./helpers/tmp.js";

/**
 * The short version of `npm run bench:crash`: at least ten SIGKILLs of `activegraph run` on SQLite,
 * at points over every stage of the oracle loop, an LLM behind a loopback OpenAI-compatible server
 * (concurrency 4, a USD budget that binds) and people answering at the terminal; each thread is
 * resumed to its end with the CLI and compared with the uninterrupted run of the same seed.
 */
describe("the crash harness, short", () => {
  it("loses no label, changes none, ends no thread early, counts every billed call and never overspends", { timeout: 240_000 }, async () => {
    const outcomes = await runCrashHarness({
      backends: ["sqlite"],
      scenarios: SCENARIOS.filter((scenario) => ["oracle", "llm-budget", "human"].includes(scenario.name)),
      kills: 10,
      killsPerThread: [3, 4],
      parallel: 2,
      seed: 3,
      workDir: tempDir("activegraph-crash-"),
      launch: CRASH_CHILD,
    });
    const t = totals(outcomes);
    expect(outcomes.flatMap((o) => o.problems)).toEqual([]);
    expect(t.kills).toBeGreaterThanOrEqual(10);
    expect(new Set(outcomes.flatMap((o) => o.kills.map((k) => k.stage.replace(/ \(mid;.*$/, "")))).size).toBeGreaterThanOrEqual(5);
    expect(t.completed).toBe(t.threads);
    expect(t.endedEarly).toBe(0);
    expect(t.lost).toBe(0);
    expect(t.differing).toBe(0);
    expect(t.billedCalls).toBeGreaterThan(0);
    expect(t.ledgerCalls).toBeGreaterThanOrEqual(t.billedCalls);
    expect(t.ledgerUsd).toBeGreaterThanOrEqual(t.billedUsd - 1e-12);
    expect(t.worstOverspendUsd).toBeLessThanOrEqual(1e-12);
  });
});
