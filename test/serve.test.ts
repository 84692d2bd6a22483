import { networkInterfaces } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { runRemotely, type Person } from "../examples/sdkHumanInTheLoop.js";
import { Client } from "@langchain/langgraph-sdk";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "./helpers/fixtures.js";
import { freePort, startDevServer } from "./helpers/devServer.js";
import { tempDir } from "./helpers/tmp.js";

/** A person who labels the fixture's topics by their words. */
const topicPerson: Person = (item) =>
  /goal|match|team|coach|score|league|player|stadium|tennis/.test(item.text)
    ? "sport"
    : /laptop|software|chip|server|cloud|app|code|phone/.test(item.text)
      ? "tech_"
      : "food_";

const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops) await stop();
});

describe("the LangGraph API server", () => {
  it("runs to the human interrupt, takes answers over HTTP for two rounds, and keeps the thread across a restart", async () => {
    const cwd = tempDir("activegraph-serve-");
    const port = await freePort();
    let server = await startDevServer(cwd, port);
    stops.push(server.stop);
    const config = {
      dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST },
      annotator: { kind: "human", itemsPerTask: 1, feeUsd: 0.1 },
      initial: { size: 3 },
      batchSize: 3,
      stopping: { maxLabels: 9 },
    } as const;
    const seen: number[] = [];
    const result = await runRemotely(server.url, config, topicPerson, { onQuestions: (questions) => seen.push(questions.length) });
    // Three rounds of three items, each item its own askHuman task, answered by interrupt id.
    expect(seen).toEqual([3, 3, 3]);
    const values = result.values as { labels: Array<{ source: string }>; stopReason: { criterion: string }; ledger: { human: { labels: number } } };
    expect(values.labels).toHaveLength(9);
    expect(values.labels.every((label) => label.source === "human")).toBe(true);
    expect(values.stopReason.criterion).toBe("maxLabels");
    expect(values.ledger.human.labels).toBe(9);

    // A bad answer over HTTP is refused and asked again; nothing is applied.
    const client = new Client({ apiUrl: server.url });
    const waiting = (await client.threads.create()).thread_id;
    await client.runs.wait(waiting, "activeLearning", { input: {}, context: config });
    const before = await client.threads.getState(waiting);
    const [first] = before.tasks.flatMap((task) => task.interrupts ?? []);
    await client.runs.wait(waiting, "activeLearning", { command: { resume: { [first.id!]: { nope: "food_" } } } });
    const after = await client.threads.getState(waiting);
    const asked = after.tasks.flatMap((task) => task.interrupts ?? []).map((i) => i.value as { error?: string });
    expect(asked.some((request) => /answer refused, nothing applied: "nope" is not one of the items asked/.test(request.error ?? ""))).toBe(true);
    expect((after.values as { labels: unknown[] }).labels).toHaveLength(0);

    // Every graph of langgraph.json is served, the paradigm graphs among them.
    const served = new Set((await client.assistants.search({ limit: 100 })).map((assistant) => assistant.graph_id));
    for (const id of ["activeLearning", "committee", "activeSft", "activePreference", "activeIcl", "activeDistillation"]) expect(served, id).toContain(id);

    // Studio's input form shows the run config alone, not the fifteen fields of the state.
    const schemas = await client.assistants.getSchemas("activeLearning");
    expect(Object.keys((schemas.input_schema as { properties: object }).properties)).toEqual(["config"]);
    expect(Object.keys((schemas.state_schema as { properties: object }).properties).length).toBeGreaterThan(10);

    // A run of more super-steps than LangGraph's default limit of 25 needs no recursion_limit: the
    // graph carries its own. The config comes in the input here, as Studio's form sends it.
    const long = (await client.threads.create()).thread_id;
    await client.runs.wait(long, "activeLearning", {
      input: { config: { dataset: config.dataset, initial: { size: 5 }, batchSize: 5, stopping: { maxLabels: 50 } } },
    });
    const finished = (await client.threads.getState(long)).values as { history: unknown[]; stopReason: { criterion: string } | null };
    expect(finished.history).toHaveLength(10);
    expect(finished.stopReason?.criterion).toBe("maxLabels");

    // No warning about LangGraph package versions at start.
    expect(server.log()).not.toMatch(/not up to date/);

    // It listens on loopback only: an address of this machine on another interface is refused.
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal);
    if (outside) await expect(fetch(`http://${outside.address}:${port}/ok`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();

    // The dev server keeps its state on disk (written a few seconds after a change, and on exit):
    // a restart finds the thread. Stopped at once, the thread survives by the write on exit alone.
    await server.stop();
    server = await startDevServer(cwd, port);
    stops.push(server.stop);
    const again = await new Client({ apiUrl: server.url }).threads.getState(result.threadId);
    expect((again.values as { labels: unknown[] }).labels).toHaveLength(9);
  }, 300_000);
});
