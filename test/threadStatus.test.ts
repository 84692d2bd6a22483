import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { describe, expect, it } from "vitest";
import { runThread, threadStatus } from "../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { parseRunConfig, type RunConfigInput } from "../runtime/config/runConfig.js";
import { runKilledAtPut } from "./helpers/cli.js";
import { fixtureConfig } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

describe("a thread killed after a step's writes were saved but before its checkpoint", () => {
  const input = fixtureConfig({ llmCache: "off", stopping: { maxLabels: 30 } });
  // Step 0 holds initialize's writes (the thread knows its config from its input, checkpointed
  // before), step 7 the first query round's evaluation.
  it.each([0, 7])("is unfinished, not finished, and resumes to the same labels as an uninterrupted run (kill at step %i)", async (step) => {
    const whole = await runThread({ threadId: "whole", checkpointer: new MemorySaver(), config: parseRunConfig(input) });

    const db = join(tempDir(), "checkpoints.sqlite");
    expect(await runKilledAtPut(db, "cut", step, input)).toBe("SIGKILL");
    const saver = SqliteSaver.fromConnString(db);
    const status = await threadStatus(saver, "cut");
    expect(status.kind).toBe("unfinished");

    const resumed = await runThread({ threadId: "cut", checkpointer: saver });
    expect(resumed.status).toBe("resumed");
    expect(resumed.state.labels.map((r) => [r.id, r.label, r.round])).toEqual(whole.state.labels.map((r) => [r.id, r.label, r.round]));
    expect(resumed.state.stopReason).toEqual(whole.state.stopReason);
    expect((await threadStatus(saver, "cut")).kind).toBe("finished");
  });
});

describe("refused answers", () => {
  const human = (overrides: Partial<RunConfigInput> = {}) =>
    parseRunConfig(fixtureConfig({ annotator: { kind: "human", feeUsd: 0.1 }, stopping: { maxLabels: 20 }, llmCache: "off", ...overrides }));

  it.each([
    ["a bad answer to every task", {}, "bad"],
    ["an unknown interrupt id", {}, "unknown"],
    ["one task holding the whole batch", { annotator: { kind: "human", feeUsd: 0.1, itemsPerTask: 10 } }, "bad"],
  ] as const)("never end a thread: after %s, correct answers carry it to its budget", async (_name, overrides, how) => {
    const config = human(overrides as Partial<RunConfigInput>);
    const checkpointer = new MemorySaver();
    const first = await runThread({ threadId: "h", checkpointer, config });
    expect(first.status).toBe("waiting");
    const refused =
      how === "unknown"
        ? { "no-such-interrupt": { x: "food_" } }
        : Object.fromEntries(first.pending.map((q) => [q.interruptId, Object.fromEntries(q.request.items.map((item) => [item.id, "pizza"]))]));
    const afterRefusal = await runThread({ threadId: "h", checkpointer, resume: refused });
    expect(afterRefusal.status).toBe("waiting");
    expect(afterRefusal.state.labels).toHaveLength(0);
    expect((await threadStatus(checkpointer, "h")).kind).toBe("unfinished");

    // Asked again (no answers): still waiting, on the same items.
    const again = await runThread({ threadId: "h", checkpointer });
    expect(again.status).toBe("waiting");
    expect(again.pending.flatMap((q) => q.request.items.map((item) => item.id)).sort()).toEqual(
      first.pending.flatMap((q) => q.request.items.map((item) => item.id)).sort(),
    );

    const done = await runThread({ threadId: "h", checkpointer, resume: (await simulatedHumans(config)(again.pending))!, responder: simulatedHumans(config) });
    expect(done.status).toBe("resumed");
    expect(done.state.labels).toHaveLength(20);
    expect(done.state.stopReason).toMatchObject({ criterion: "maxLabels" });
  });
});
