import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBackend } from "../examples/backend.js";
import { FIXTURE_TRAIN } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

describe("examples/backend.ts", () => {
  it("imports the graph and runs it in-process with SQLite checkpoints, then resumes it as finished", async () => {
    const db = join(tempDir(), "nested", "backend.sqlite");
    const first = await runBackend(FIXTURE_TRAIN, db, "example");
    expect(first.status).toBe("new");
    expect(first.state.labels.length).toBeGreaterThan(0);
    expect(first.state.labels.every((r) => r.source === "llm" && r.model === "simulated:gpt-4o-mini")).toBe(true);
    expect(first.state.stopReason?.criterion).toMatch(/^(maxLabels|maxUsd)$/);
    const again = await runBackend(FIXTURE_TRAIN, db, "example");
    expect(again.status).toBe("finished");
    expect(again.state.labels).toEqual(first.state.labels);
  });
});
