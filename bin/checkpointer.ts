import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { MemorySaver, type BaseCheckpointSaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { ConfigError } from "../tools/errors.js";

export interface Checkpointing {
  /** Where checkpoints go, safe to print (a Postgres password is masked). */
  readonly where: string;
  /** Whether checkpoints may already exist there (without creating anything). */
  readonly mayExist: boolean;
  open(): Promise<BaseCheckpointSaver>;
}

/**
 * The checkpointer a `--checkpointer` value names: SQLite in the output folder by default (the
 * embedded default), a SQLite file path, `memory`, or a `postgres://` URL for PostgresSaver
 * (scale-out: several processes and machines on one thread store). Nothing is created until `open`.
 */
export function checkpointing(spec: string | undefined, outDir: string): Checkpointing {
  const store = checkpointStore(spec, outDir);
  // One saver (and one Postgres pool) however many times the command asks for it.
  let opened: Promise<BaseCheckpointSaver> | undefined;
  return { ...store, open: () => (opened ??= store.open()) };
}

function checkpointStore(spec: string | undefined, outDir: string): Checkpointing {
  if (spec === "memory") return { where: "memory (lost when the process ends)", mayExist: false, open: async () => new MemorySaver() };
  if (spec?.startsWith("postgres://") || spec?.startsWith("postgresql://")) {
    let url: URL;
    try {
      url = new URL(spec);
    } catch {
      throw new ConfigError(`--checkpointer: not a valid PostgreSQL URL`);
    }
    const masked = `${url.protocol}//${url.username ? `${url.username}:***@` : ""}${url.host}${url.pathname}`;
    return {
      where: masked,
      mayExist: true,
      open: async () => {
        const saver = PostgresSaver.fromConnString(spec);
        try {
          await saver.setup();
        } catch (error) {
          throw new ConfigError(`--checkpointer: cannot reach ${masked} (${(error as Error).message})`);
        }
        return saver;
      },
    };
  }
  const path = spec ?? join(outDir, "checkpoints.sqlite");
  return {
    where: path,
    mayExist: existsSync(path),
    open: async () => {
      mkdirSync(join(path, ".."), { recursive: true });
      return SqliteSaver.fromConnString(path);
    },
  };
}
