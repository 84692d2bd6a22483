import { mkdirSync, statSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LabelDesk } from "../bin/label/desk.js";
import { localThread } from "../bin/label/localThread.js";
import type { AnswersResponse, WorkView } from "../bin/label/protocol.js";
import { startLabelServer, type LabelServer } from "../bin/label/server.js";
import { runThread, threadStatus } from "../graphs/activeLearning/runThread.js";
import { annotatorAgreement } from "../tools/metrics/annotatorAgreement.js";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { haveChromium, launchChromium, shownItem, WAIT, waitForRound, warnIfNoChromium } from "./helpers/browser.js";
import { cliServing } from "./helpers/cli.js";
import { ROOT, freePort } from "./helpers/devServer.js";
import { fixtureConfig, fixtureTopic } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

warnIfNoChromium("labelPage.test.ts");

let browser: Browser;
const cleanups: Array<() => Promise<unknown> | unknown> = [];
beforeAll(async () => {
  if (haveChromium) browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await browser?.close();
});

/** A waiting thread run in this process, and the page's server over it. */
async function servedThread(threadId: string, desk: { overlap?: number; settle?: "third" | "majority"; itemsPerPerson?: number } = {}) {
  const checkpointer = new MemorySaver();
  const config = parseRunConfig(
    fixtureConfig({ annotator: { kind: "human", feeUsd: 0.1 }, initial: { size: 3 }, batchSize: 3, stopping: { maxLabels: 9 }, llmCache: "off" }),
  );
  expect((await runThread({ threadId, checkpointer, config })).status).toBe("waiting");
  const labelDesk = new LabelDesk(localThread(checkpointer, threadId, "memory"), { overlap: 0, settle: "third", itemsPerPerson: 5, leaseMs: 300_000, ...desk });
  await labelDesk.start();
  const server: LabelServer = await startLabelServer(labelDesk, 0);
  cleanups.push(
    () => server.close(),
    () => labelDesk.idle(),
  );
  const labels = async () => {
    const status = await threadStatus(checkpointer, threadId);
    return status.kind === "empty" ? [] : status.state.labels;
  };
  return { url: server.url, labels, desk: labelDesk };
}

async function openAs(url: string, annotator: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  await page.goto(`${url}?annotator=${annotator}`);
  return page;
}

/** Starts `activegraph label` as a user would, and waits for the address it prints. */
async function labelCommand(args: string[]) {
  const { match, child, stderr } = await cliServing(["label", ...args], /open (http:\/\/127\.0\.0\.1:\d+\/)/);
  return { url: match[1], child, stderr };
}

describe.skipIf(!haveChromium)("the labelling page", () => {
  it("labels items with the keyboard (with an undo and a comment), then shows the next batch once the thread resumes", async () => {
    // A run in which the simulated LLM labels each batch and sends people what it is unsure of, left
    // waiting on them in its SQLite checkpoints (as `activegraph run` leaves it when q is pressed).
    const out = tempDir("activegraph-label-");
    const saver = SqliteSaver.fromConnString(join(out, "checkpoints.sqlite"));
    const config = parseRunConfig(
      fixtureConfig({
        annotator: { kind: "llm", llm: { provider: "simulated" }, review: { acceptAbove: 0.9, humanFeeUsd: 0.1 } },
        initial: { size: 10 },
        batchSize: 10,
        stopping: { maxLabels: 60, maxUsd: 5 },
        llmCache: "off",
      }),
    );
    const first = await runThread({ threadId: "page-1", checkpointer: saver, config });
    const asked = first.pending.map((q) => q.request.items[0]);
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(asked.every((item) => item.reason === "review" && item.suggestion!.confidence! < 0.9)).toBe(true);
    saver.db.close();

    // The command a user types.
    const port = await freePort();
    const served = await labelCommand(["--out", out, "--thread", "page-1", "--port", String(port), "--items-per-person", "10"]);
    expect(served.url).toBe(`http://127.0.0.1:${port}/`);

    const page = await openAs(served.url, "alice");
    await waitForRound(page, 0);
    await expect(page.getByTestId("reason").textContent()).resolves.toContain("The LLM was unsure of its label.");
    const suggested = asked[0].suggestion!;
    await expect(page.getByTestId("suggestion").textContent()).resolves.toBe(
      `${suggested.model} suggests ${suggested.label} (confidence ${Math.round(suggested.confidence! * 100)}%)`,
    );
    await expect(page.locator(".labels button.suggested").getAttribute("data-label")).resolves.toBe(suggested.label);

    const given: Record<string, string> = {};
    for (let i = 0; i < asked.length; i++) {
      const { id, labels } = await shownItem(page);
      expect(labels).toEqual(["food_", "sport", "tech_"]);
      const label = fixtureTopic((await page.getByTestId("item-text").textContent())!);
      if (i === 1) {
        // A wrong key, taken back with u before it is sent: the item comes back.
        const wrong = labels.find((other) => other !== label)!;
        await page.keyboard.press(String(labels.indexOf(wrong) + 1));
        await expect(page.getByTestId("outbox").textContent()).resolves.toContain(`${id} → ${wrong}`);
        await page.keyboard.press("u");
        await expect(page.getByTestId("item-id").textContent()).resolves.toBe(id);
      }
      if (i === 2) {
        await page.keyboard.press("c");
        await page.keyboard.type("read twice");
        await page.keyboard.press("Escape");
      }
      await page.keyboard.press(String(labels.indexOf(label) + 1));
      given[id] = label;
    }
    await expect(page.getByTestId("outbox").textContent()).resolves.toContain(`${asked.length} answers not sent yet`);
    // Sent after the undo window; the thread trains, picks and pre-labels the next batch, and waits again.
    await waitForRound(page, 1);
    await page.getByTestId("curve").waitFor(WAIT);
    await expect(page.getByTestId("answered").textContent()).resolves.toContain(`${asked.length} by people`);
    // People's fees ($0.10 a label) and a fraction of a cent of LLM tokens, against a $5 budget.
    const spent = Number((await page.getByTestId("spent").textContent())!.slice(1));
    expect(spent).toBeGreaterThan(0.1 * asked.length);
    expect(spent).toBeLessThan(0.1 * asked.length + 0.01);
    await expect(page.getByTestId("left").textContent()).resolves.toBe(`$${(5 - spent).toFixed(2)} of $5.00`);
    const svg = await page.evaluate(async () => (await fetch("/curve.svg")).text());
    expect(svg).toContain("test accuracy (%)");

    // The next batch, labelled fast: keys pressed without waiting for the page to redraw.
    const next = await page.evaluate(async () => (await (await fetch("/api/work?annotator=alice")).json()) as WorkView);
    for (const q of next.questions) await page.keyboard.press(String(q.request.classes.indexOf(fixtureTopic(q.request.items[0].text)) + 1));
    await page.keyboard.press("Enter");
    await waitForRound(page, 2);

    // The screenshot for the README; written into docs/ when asked for.
    const shot = process.env.ACTIVEGRAPH_UPDATE_SCREENSHOT ? join(ROOT, "docs", "label-page.png") : join(out, "label-page.png");
    mkdirSync(join(shot, ".."), { recursive: true });
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(20_000);

    served.child.kill("SIGINT");
    const code = await new Promise((resolve) => served.child.on("exit", resolve));
    expect(code, served.stderr()).toBe(0);
    const status = await threadStatus(SqliteSaver.fromConnString(join(out, "checkpoints.sqlite")), "page-1");
    expect(status.kind).toBe("unfinished");
    const people = status.kind === "unfinished" ? status.state.labels.filter((l) => l.source === "human") : [];
    expect(Object.fromEntries(people.slice(0, asked.length).map((l) => [l.id, l.label]))).toEqual(given);
    expect(people.every((l) => l.annotator === "alice" && l.costUsd === 0.1 && l.reviewReason === "review" && l.suggestion !== undefined)).toBe(true);
    expect(people[2].comment).toBe("read twice");
    expect(people.slice(asked.length).map((l) => [l.id, l.label])).toEqual(
      next.questions.map((q) => [q.request.items[0].id, fixtureTopic(q.request.items[0].text)]),
    );
  }, 240_000);

  it("shows a bad answer refused, with the graph's reason, and applies nothing", async () => {
    const served = await servedThread("bad-1");
    const page = await openAs(served.url, "alice");
    await waitForRound(page, 0);
    const post = (body: unknown) =>
      page.evaluate(async (payload) => {
        const response = await fetch("/api/answers", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
        return { status: response.status, body: (await response.json()) as AnswersResponse };
      }, body);
    const work = await page.evaluate(async () => (await (await fetch("/api/work?annotator=alice")).json()) as WorkView);
    const question = work.questions[0];
    const itemId = question.request.items[0].id;

    // A crafted answer with a label outside the set goes through the thread's resume: askHuman refuses it.
    expect(await post({ annotator: "alice", answers: { [question.interruptId]: { [itemId]: "pizza" } } })).toEqual({
      status: 200,
      body: { queued: 1, held: 0, refused: [] },
    });
    const refusal = page.getByTestId("refusal").filter({ hasText: "pizza" });
    await refusal.waitFor(WAIT);
    await expect(refusal.textContent()).resolves.toMatch(/answer refused, nothing applied: label "pizza" for ".*" is not one of "food_", "sport", "tech_"/);
    expect(await served.labels()).toHaveLength(0);

    // A stale question (not waiting) and a malformed body are refused at once.
    const stale = await post({ annotator: "alice", answers: { ffffffffffffffffffffffffffffffff: { [itemId]: "sport" } } });
    expect(stale.body.refused[0].error).toMatch(/is not waiting for an answer/);
    await page.getByTestId("refusal").filter({ hasText: "is not waiting" }).waitFor(WAIT);
    expect((await post({ annotator: "", answers: {} })).status).toBe(400);
    expect(await served.labels()).toHaveLength(0);

    // Only JSON, and only this host: a cross-site form post or a rebound DNS name is turned away.
    const port = new URL(served.url).port;
    const raw = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) =>
        request({ host: "127.0.0.1", port, path: "/api/answers", method: "POST", headers }, (res) => resolve(res.statusCode!))
          .on("error", reject)
          .end("annotator=alice"),
      );
    expect(await raw({ "content-type": "application/x-www-form-urlencoded" })).toBe(415);
    expect(await raw({ "content-type": "application/json", host: `evil.example:${port}` })).toBe(403);

    // The refused item is still the person's to answer; a right answer is applied.
    await expect(page.getByTestId("item-id").first().textContent()).resolves.toBe(itemId);
    await page.keyboard.press("2");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await served.labels()).map((l) => [l.id, l.label]), WAIT).toContainEqual([itemId, "sport"]);
  }, 180_000);

  it("two people label at once with overlap; a disagreement goes to a third, and the votes and kappa are kept", async () => {
    const served = await servedThread("overlap-1", { overlap: 1, settle: "third", itemsPerPerson: 3 });
    const [alice, bob] = await Promise.all([openAs(served.url, "alice"), openAs(served.url, "bob")]);
    const labelAll = async (page: Page, pick: (i: number, labels: string[]) => string) => {
      await waitForRound(page, 0);
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { id, labels } = await shownItem(page);
        seen.push(id);
        await page.keyboard.press(String(labels.indexOf(pick(i, labels)) + 1));
      }
      await page.keyboard.press("Enter");
      return seen;
    };
    // Both get the same three items (each is asked of two people); bob differs on the second.
    const [aliceSaw, bobSaw] = await Promise.all([labelAll(alice, (i, labels) => labels[i]), labelAll(bob, (i, labels) => (i === 1 ? labels[0] : labels[i]))]);
    expect(bobSaw).toEqual(aliceSaw);
    await expect.poll(async () => (await served.labels()).length, WAIT).toBe(2);
    await alice.getByTestId("pending").filter({ hasText: "1 waiting for another person" }).waitFor(WAIT);

    // The disagreement goes to a third person only.
    const carol = await openAs(served.url, "carol");
    await waitForRound(carol, 0);
    const { id, labels } = await shownItem(carol);
    expect(id).toBe(aliceSaw[1]);
    await expect(carol.locator(".badge.two").textContent()).resolves.toBe("asked of two people");
    await carol.keyboard.press("2");
    await carol.keyboard.press("Enter");
    // Round 1's questions go to whoever asks first (two people each): alice may have none.
    await waitForRound(alice, 1, { item: false });

    const records = await served.labels();
    expect(records.find((r) => r.id === id)).toMatchObject({
      label: labels[1],
      settledBy: "third",
      votes: expect.arrayContaining([
        { annotator: "alice", label: labels[1] },
        { annotator: "bob", label: labels[0] },
      ]),
    });
    // Votes are kept in the order they came: alice and bob answered at once, carol third.
    expect(records.find((r) => r.id === id)!.votes![2]).toEqual({ annotator: "carol", label: labels[1] });
    expect(records.filter((r) => r.settledBy === "agreement").map((r) => r.votes!.map((v) => v.annotator).sort())).toEqual([
      ["alice", "bob"],
      ["alice", "bob"],
    ]);
    const kappa = annotatorAgreement(records, ["food_", "sport", "tech_"]).kappa!;
    await alice
      .getByTestId("kappa")
      .filter({ hasText: `${kappa.toFixed(2)} over 3 items` })
      .waitFor(WAIT);
    await expect(alice.getByTestId("agreed").textContent()).resolves.toBe("2 of 3");
  }, 180_000);
});
