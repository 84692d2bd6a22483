import { Client } from "@langchain/langgraph-sdk";
import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import type { LabelRecord } from "../tools/labels/labelRecord.js";
import { haveChromium, launchChromium, shownItem, WAIT, waitForRound, warnIfNoChromium } from "./helpers/browser.js";
import { cliServing } from "./helpers/cli.js";
import { freePort, startDevServer } from "./helpers/devServer.js";
import { FIXTURE_TEST, FIXTURE_TRAIN } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

warnIfNoChromium("labelPageRemote.test.ts");

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.skipIf(!haveChromium)("the labelling page on a LangGraph API server's thread", () => {
  it("shows the thread's questions, refuses a bad answer through the server, and resumes it over the SDK", async () => {
    const server = await startDevServer(tempDir("activegraph-label-serve-"), await freePort());
    cleanups.push(server.stop);
    const client = new Client({ apiUrl: server.url });
    const { thread_id: threadId } = await client.threads.create();
    await client.runs.wait(threadId, "activeLearning", {
      input: {},
      context: {
        dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST },
        annotator: { kind: "human", feeUsd: 0.1 },
        initial: { size: 3 },
        batchSize: 3,
        stopping: { maxLabels: 9 },
      },
    });

    const port = await freePort();
    const served = await cliServing(["label", "--url", server.url, "--thread", threadId, "--port", String(port)], /open (http:\/\/127\.0\.0\.1:\d+\/)/);
    const [, url] = served.match;
    const { child } = served;
    cleanups.push(() => child.exitCode === null && child.kill("SIGKILL"));
    expect(served.stderr()).toContain(`labelling thread ${threadId} on ${server.url} (graph activeLearning): round 0, 3 item(s) waiting for people`);

    const browser: Browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${url}?annotator=alice`);
    await waitForRound(page, 0);

    // A label outside the set, sent as a resume to the server: askHuman refuses it there.
    const { id } = await shownItem(page);
    const refused = await page.evaluate(async (itemId) => {
      const work = (await (await fetch("/api/work?annotator=alice")).json()) as {
        questions: Array<{ interruptId: string; request: { items: Array<{ id: string }> } }>;
      };
      const question = work.questions.find((q) => q.request.items[0].id === itemId)!;
      const body = { annotator: "alice", answers: { [question.interruptId]: { [itemId]: "pizza" } } };
      return (await fetch("/api/answers", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();
    }, id);
    expect(refused).toEqual({ queued: 1, held: 0, refused: [] });
    await page.getByTestId("refusal").filter({ hasText: 'label "pizza"' }).waitFor(WAIT);
    const values = async () => (await client.threads.getState(threadId)).values as { labels: LabelRecord[]; round: number };
    expect((await values()).labels).toHaveLength(0);

    const given: Record<string, string> = {};
    for (let i = 0; i < 3; i++) {
      const { id: itemId, labels } = await shownItem(page);
      await page.keyboard.press(String(i + 1));
      given[itemId] = labels[i];
    }
    await page.keyboard.press("Enter");
    await waitForRound(page, 1);
    const after = await values();
    expect(after.round).toBe(1);
    expect(Object.fromEntries(after.labels.map((l) => [l.id, l.label]))).toEqual(given);
    expect(after.labels.every((l) => l.annotator === "alice" && l.source === "human")).toBe(true);
    await expect(page.getByTestId("answered").textContent()).resolves.toContain("3 by people");

    child.kill("SIGINT");
    expect(await new Promise((resolve) => child.on("exit", resolve))).toBe(0);
  }, 300_000);
});
