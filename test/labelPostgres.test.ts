import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, describe, expect, it } from "vitest";
import { LabelDesk } from "../bin/label/desk.js";
import { localThread } from "../bin/label/localThread.js";
import type { AnswersResponse, WorkView } from "../bin/label/protocol.js";
import { startLabelServer } from "../bin/label/server.js";
import { runThread, threadStatus } from "../graphs/activeLearning/runThread.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { fixtureConfig } from "./helpers/fixtures.js";

/** Needs a PostgreSQL server: ACTIVEGRAPH_TEST_POSTGRES_URL (scripts/postgres-test-db.sh sets one up; .ci/run does). */
const url = process.env.ACTIVEGRAPH_TEST_POSTGRES_URL;
if (!url) console.warn("labelPostgres.test.ts skipped: set ACTIVEGRAPH_TEST_POSTGRES_URL to a PostgreSQL database (scripts/postgres-test-db.sh; .ci/run does)");

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.skipIf(!url)("the labelling page on Postgres checkpoints", () => {
  it("takes answers over its HTTP API and resumes the thread from Postgres, where another connection finds the labels", async () => {
    const threadId = `label-pg-${Date.now()}`;
    const saver = PostgresSaver.fromConnString(url!);
    await saver.setup();
    cleanups.push(() => saver.end());
    const config = parseRunConfig(
      fixtureConfig({ annotator: { kind: "human", feeUsd: 0.1 }, initial: { size: 3 }, batchSize: 3, stopping: { maxLabels: 9 }, llmCache: "off" }),
    );
    expect((await runThread({ threadId, checkpointer: saver, config })).status).toBe("waiting");

    const desk = new LabelDesk(localThread(saver, threadId, "postgres"), { overlap: 0, settle: "third", itemsPerPerson: 5, leaseMs: 60_000 });
    await desk.start();
    const server = await startLabelServer(desk, 0);
    cleanups.push(() => server.close());
    const work = (await (await fetch(`${server.url}api/work?annotator=ann`)).json()) as WorkView;
    expect(work.questions).toHaveLength(3);
    const answers = Object.fromEntries(work.questions.map((q) => [q.interruptId, { [q.request.items[0].id]: q.request.classes[0] }]));
    const response = await fetch(`${server.url}api/answers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ annotator: "ann", answers }),
    });
    expect((await response.json()) as AnswersResponse).toEqual({ queued: 3, held: 0, refused: [] });
    await desk.idle();

    const other = PostgresSaver.fromConnString(url!);
    cleanups.push(() => other.end());
    const status = await threadStatus(other, threadId);
    expect(status.kind).toBe("unfinished");
    if (status.kind !== "unfinished") return;
    expect(status.state.labels.map((label) => label.annotator)).toEqual(["ann", "ann", "ann"]);
    expect(status.state.round).toBe(1);
    expect(status.pending).toHaveLength(3);
  }, 120_000);
});
