import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { annotateWithLlm } from "../tools/llm/annotator.js";
import { BudgetGuard } from "../tools/llm/budgetGuard.js";
import { ResponseCache } from "../tools/llm/responseCache.js";
import { SpendJournal } from "../tools/llm/spendJournal.js";
import { keywordTeacher, simulatedClient } from "./helpers/llm.js";
import { tempDir } from "./helpers/tmp.js";

const settings = { instructions: "Sentiment.", labels: ["neg", "pos"], confidence: "auto" as const, samples: 3 };
const items = [{ id: "a", text: "a good film" }];
const payer = { thread: "t", scope: "annotateLLM:task-1" };

describe("the spend journal", () => {
  it("counts a call a killed process left open at its worst case, and the task's next attempt starts after it", () => {
    const journal = new SpendJournal(join(tempDir(), "journal.sqlite"));
    const first = new BudgetGuard(1, { journal, payer });
    first.open("k1", "m", 0.3).billed({ usd: 0.1, inputTokens: 100, outputTokens: 10, seconds: 2.5 });
    first.open("k2", "m", 0.3).lost();
    first.open("k3", "m", 0.3).refused();
    first.open("k4", "m", 0.2); // in flight when the process died: never settled
    // A new process: the journal is all that is left of the first attempt.
    const reopened = new SpendJournal(journal.path);
    expect(reopened.spent(payer).get("m")).toEqual({ calls: 3, inputTokens: 100, outputTokens: 10, usd: expect.closeTo(0.1 + 0.3 + 0.2, 12), seconds: 2.5 });
    const second = new BudgetGuard(1, { journal: reopened, payer });
    expect(second.leftUsd).toBeCloseTo(1 - 0.6, 12);
    expect(() => second.open("k5", "m", 0.5)).toThrow(/only \$0\.4000 is left/);
    // Another task of the thread, or another thread, owes nothing of it.
    expect(new BudgetGuard(1, { journal: reopened, payer: { ...payer, scope: "annotateLLM:task-2" } }).leftUsd).toBe(1);
    // A committee member's calls are a part of the task that ran the committee, and are booked with it.
    new BudgetGuard(1, { journal: reopened, payer: { ...payer, scope: `${payer.scope}#member-1` } })
      .open("k6", "m", 0.05)
      .billed({ usd: 0.01, inputTokens: 5, outputTokens: 1 });
    expect(reopened.spent(payer).get("m")!.calls).toBe(4);
  });

  it("opens a journal written before local models' seconds were kept, and keeps them from then on", () => {
    const path = join(tempDir(), "journal.sqlite");
    const old = new Database(path);
    old.exec(`CREATE TABLE spend_journal (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      thread TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, model TEXT NOT NULL,
      state TEXT NOT NULL, reserved_usd REAL NOT NULL, usd REAL NOT NULL DEFAULT 0,
      input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,
      opened TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, settled TEXT)`);
    old.exec(
      "INSERT INTO spend_journal (thread, scope, key, model, state, reserved_usd, usd, input_tokens, output_tokens) VALUES ('t', 'annotateLLM:task-1', 'k0', 'm', 'billed', 0.3, 0.1, 10, 1)",
    );
    old.close();
    const journal = new SpendJournal(path);
    new BudgetGuard(1, { journal, payer }).open("k1", "m", 0).billed({ usd: 0, inputTokens: 20, outputTokens: 2, seconds: 1.5 });
    expect(journal.spent(payer).get("m")).toEqual({ calls: 2, inputTokens: 30, outputTokens: 3, usd: expect.closeTo(0.1, 12), seconds: 1.5 });
  });

  it("a reply replayed from the cache keeps the cost its task paid; a hit no attempt of the task paid for is free", async () => {
    const dir = tempDir();
    const cache = new ResponseCache(join(dir, "cache.sqlite"));
    const journal = new SpendJournal(join(dir, "cache.sqlite"));
    const client = simulatedClient(keywordTeacher(), {}, cache);
    const paid = await annotateWithLlm(client, items, [], settings, new BudgetGuard(1, { journal, payer }));
    expect(paid.spend.calls).toBe(1);
    // The task is run again after a crash (its results never reached a checkpoint): the answer comes
    // from the cache, at the cost paid for it, and nothing is asked twice.
    const replayed = await annotateWithLlm(client, items, [], settings, new BudgetGuard(1, { journal, payer }));
    expect(replayed.answers).toEqual(paid.answers);
    expect(replayed.spend).toMatchObject({ calls: 1, cachedCalls: 0, usd: paid.spend.usd });
    expect(journal.spent(payer).get("simulated:gpt-4o-mini")).toMatchObject({ calls: 1, usd: paid.spend.usd });
    // Another task asking the same prompt gets it for free.
    const other = await annotateWithLlm(client, items, [], settings, new BudgetGuard(1, { journal, payer: { ...payer, scope: "annotateLLM:task-9" } }));
    expect(other.spend).toMatchObject({ calls: 0, cachedCalls: 1, usd: 0 });
  });

  it("journals every attempt: a refused one (5xx) costs nothing, a billed one its price, and the journal agrees with the spend", async () => {
    const journal = new SpendJournal(join(tempDir(), "journal.sqlite"));
    // 500s are refused (free) and retried; the budget holds one worst case at a time.
    const client = simulatedClient(keywordTeacher(), { maxRetries: 3, simulation: { failureRate: 0.5 } });
    const guard = new BudgetGuard(0.01, { journal, payer });
    const outcome = await annotateWithLlm(
      client,
      [
        { id: "x", text: "good" },
        { id: "y", text: "bad" },
      ],
      [],
      settings,
      guard,
    );
    const calls = journal.calls(payer);
    expect(calls.filter((call) => call.state === "refused").length + calls.filter((call) => call.state === "billed").length).toBe(calls.length);
    expect(journal.spent(payer).get("simulated:gpt-4o-mini")!.usd).toBeCloseTo(outcome.spend.usd, 12);
  });
});
