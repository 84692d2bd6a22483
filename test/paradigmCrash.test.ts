import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runChild } from "../evals/crash/runChild.js";
import { CRASH_CHILD as launch } from "./helpers/cli.js";
import { FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const totalUsd = (out: string, thread: string) =>
  (JSON.parse(readFileSync(join(out, `${thread}.sft.json`), "utf8")) as { ledger: { totalUsd: number } }).ledger.totalUsd;

/**
 * The paradigm graphs pay through the spend journal as the loop does: a node killed after its calls
 * were billed, before its writes were saved, re-runs on resume from the response cache for free,
 * and the ledger still books what the killed attempt paid, so the thread ends with the same spend
 * as one never killed.
 */
describe("a paradigm node killed after paying", () => {
  it("sft: the resumed thread books what the killed scoring wave paid, no less", { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const args = (out: string, thread: string) => [
      "sft",
      ...FIXTURE_DATA,
      "--responder",
      "simulated:gpt-4o-mini",
      "--max-examples",
      "6",
      "--batch-size",
      "3",
      "--llm-cache",
      join(out, "cache.sqlite"),
      "--thread",
      thread,
      "--out",
      out,
    ];
    const whole = join(dir, "whole");
    const killLog = join(dir, "kills.jsonl");
    const uninterrupted = await runChild({ args: args(whole, "w"), killLog, launch });
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);

    const cut = join(dir, "cut");
    const killed = await runChild({ args: args(cut, "k"), killLog, launch, killAt: { at: "node", node: "score", occurrence: 1, moment: "end" } });
    expect(killed.killed, killed.stderr).toBe(true);
    expect(killed.where?.where).toMatch(/end of score/);
    const resumed = await runChild({ args: ["sft", "--thread", "k", "--out", cut, "--llm-cache", join(cut, "cache.sqlite")], killLog, launch });
    expect(resumed.code, resumed.stderr).toBe(0);

    expect(totalUsd(whole, "w")).toBeGreaterThan(0);
    expect(totalUsd(cut, "k")).toBeCloseTo(totalUsd(whole, "w"), 12);
  });
});
