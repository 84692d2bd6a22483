import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";

/** What is kept of an answered call: enough to replay it without paying again. */
export const CachedResponseSchema = z
  .object({
    content: z.string(),
    inputTokens: z.number().int().min(0),
    outputTokens: z.number().int().min(0),
    logprobs: z.array(z.object({ token: z.string(), logprob: z.number() })).nullable(),
    /** Seconds a local model computed for the reply (absent for remote ones); a replay costs none. */
    seconds: z.number().min(0).optional(),
  })
  .strict();
export type CachedResponse = z.infer<typeof CachedResponseSchema>;

/** The cache key: a hash of the model, every parameter that changes the answer, and the prompt. */
export function cacheKey(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * LLM responses in SQLite. An entry is written the moment a paid call returns, so a re-run, or a
 * resume after a crash, gets every answered call back for free. Only valid replies are stored.
 */
export class ResponseCache {
  private readonly db: Database.Database;
  private readonly getStatement: Database.Statement<[string], { value: string }>;
  private readonly putStatement: Database.Statement<[string, string]>;

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    // Runs sharing a cache file (the default one) wait for each other's writes rather than fail.
    this.db = new Database(path, { timeout: 30_000 });
    this.db.pragma("journal_mode = WAL");
    this.db.exec("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    this.getStatement = this.db.prepare("SELECT value FROM responses WHERE key = ?");
    this.putStatement = this.db.prepare("INSERT OR REPLACE INTO responses (key, value) VALUES (?, ?)");
  }

  get(key: string): CachedResponse | undefined {
    const row = this.getStatement.get(key);
    if (!row) return undefined;
    const parsed = CachedResponseSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : undefined;
  }

  put(key: string, response: CachedResponse): void {
    this.putStatement.run(key, JSON.stringify(response));
  }

  close(): void {
    this.db.close();
  }
}
