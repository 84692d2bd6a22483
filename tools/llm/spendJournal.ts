import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/**
 * How a journaled call ended. `open`: sent, and the process that sent it never settled it (it may
 * have died with the call in flight); `billed`: a reply came, at its actual cost; `refused`: the
 * provider answered with an error, which it does not bill; `lost`: no reply (timeout, dropped
 * connection), though the provider may have done and billed the work.
 */
export type JournalState = "open" | "billed" | "refused" | "lost";

/** Who pays: a thread, and the task of that thread making the calls. */
export interface Payer {
  readonly thread: string;
  /**
   * The graph task that pays, as LangGraph names it (`annotateLLM:<task id>`). A task re-run from
   * the same checkpoint after a crash gets the same id, so its earlier attempts' calls are found here.
   */
  readonly scope: string;
}

export interface JournalCall {
  readonly id: number;
  readonly key: string;
  readonly model: string;
  readonly state: JournalState;
  readonly reservedUsd: number;
  /** What the call counts as spent: the actual cost when billed, the worst case when open or lost, 0 when refused. */
  readonly usd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Seconds a local model computed for the reply (0 for remote models and unsettled calls). */
  readonly seconds: number;
}

export interface ModelSpend {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  seconds: number;
}

/**
 * The spend journal: every paid call is recorded durably before it is sent and settled when it
 * returns, so money survives a crash. A record left open by a killed process counts as spent at its
 * worst case (the provider may have billed it), and a call whose reply is replayed from the
 * response cache keeps the cost its thread paid for it. SQLite in WAL mode: a committed record
 * survives the process being killed at any point (a power cut may lose the last ones).
 */
export class SpendJournal {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, string, string, number]>;
  private readonly update: Database.Statement<[string, number, number, number, number, number]>;
  private readonly byScope: Database.Statement<[string, string], Row>;
  private readonly underScope: Database.Statement<[string, string, number, string], Row>;

  constructor(readonly path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    // Runs sharing a cache file (the default one) wait for each other's writes rather than fail.
    this.db = new Database(path, { timeout: 30_000 });
    this.db.pragma("journal_mode = WAL");
    // A commit in WAL mode is in the operating system's hands once written: it survives the
    // process being killed at any point (SIGKILL), without an fsync per call.
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(`CREATE TABLE IF NOT EXISTS spend_journal (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      thread TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, model TEXT NOT NULL,
      state TEXT NOT NULL, reserved_usd REAL NOT NULL, usd REAL NOT NULL DEFAULT 0,
      input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,
      opened TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, settled TEXT)`);
    this.db.exec("CREATE INDEX IF NOT EXISTS spend_journal_scope ON spend_journal (thread, scope)");
    // A local model's compute seconds; journals written before it existed gain the column.
    const columnNames = (this.db.prepare("PRAGMA table_info(spend_journal)").all() as Array<{ name: string }>).map((column) => column.name);
    if (!columnNames.includes("seconds")) this.db.exec("ALTER TABLE spend_journal ADD COLUMN seconds REAL NOT NULL DEFAULT 0");
    this.insert = this.db.prepare("INSERT INTO spend_journal (thread, scope, key, model, state, reserved_usd) VALUES (?, ?, ?, ?, 'open', ?)");
    this.update = this.db.prepare(
      "UPDATE spend_journal SET state = ?, usd = ?, input_tokens = ?, output_tokens = ?, seconds = ?, settled = CURRENT_TIMESTAMP WHERE id = ?",
    );
    const columns = "id, key, model, state, reserved_usd, usd, input_tokens, output_tokens, seconds";
    this.byScope = this.db.prepare(`SELECT ${columns} FROM spend_journal WHERE thread = ? AND scope = ? ORDER BY id`);
    this.underScope = this.db.prepare(`SELECT ${columns} FROM spend_journal WHERE thread = ? AND (scope = ? OR substr(scope, 1, ?) = ?) ORDER BY id`);
  }

  /** Records a call about to be sent, with the most it can cost; returns its id. */
  open(payer: Payer, call: { key: string; model: string; reservedUsd: number }): number {
    return Number(this.insert.run(payer.thread, payer.scope, call.key, call.model, call.reservedUsd).lastInsertRowid);
  }

  /** Settles a call: billed at its actual cost, refused (free), or lost (counted at its worst case). */
  settle(
    id: number,
    outcome: { state: "billed"; usd: number; inputTokens: number; outputTokens: number; seconds?: number } | { state: "refused" | "lost" },
  ): void {
    if (outcome.state === "billed") this.update.run("billed", outcome.usd, outcome.inputTokens, outcome.outputTokens, outcome.seconds ?? 0, id);
    else this.update.run(outcome.state, 0, 0, 0, 0, id);
  }

  /** Every call a task (or one part of it) has made, in every attempt, oldest first. */
  calls(payer: Payer): JournalCall[] {
    return this.byScope.all(payer.thread, payer.scope).map(toCall);
  }

  /**
   * What a task has spent, per model, over all its attempts and all its parts (`<scope>#<part>`:
   * the members of a committee it ran): the figures its ledger entries book.
   */
  spent(payer: Payer): Map<string, ModelSpend> {
    const byModel = new Map<string, ModelSpend>();
    for (const call of this.underScope.all(payer.thread, payer.scope, payer.scope.length + 1, `${payer.scope}#`).map(toCall)) {
      if (call.state === "refused") continue;
      const spend = byModel.get(call.model) ?? { calls: 0, inputTokens: 0, outputTokens: 0, usd: 0, seconds: 0 };
      spend.calls++;
      spend.inputTokens += call.inputTokens;
      spend.outputTokens += call.outputTokens;
      spend.usd += call.usd;
      spend.seconds += call.seconds;
      byModel.set(call.model, spend);
    }
    return byModel;
  }

  close(): void {
    this.db.close();
  }
}

function toCall(row: Row): JournalCall {
  return {
    id: row.id,
    key: row.key,
    model: row.model,
    state: row.state,
    reservedUsd: row.reserved_usd,
    usd: spentUsd(row),
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    seconds: row.seconds,
  };
}

interface Row {
  id: number;
  key: string;
  model: string;
  state: JournalState;
  reserved_usd: number;
  usd: number;
  input_tokens: number;
  output_tokens: number;
  seconds: number;
}

function spentUsd(row: Row): number {
  if (row.state === "billed") return row.usd;
  if (row.state === "refused") return 0;
  return row.reserved_usd;
}
