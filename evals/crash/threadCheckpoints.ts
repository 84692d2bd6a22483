import { join } from "node:path";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { threadStatus } from "../../graphs/activeLearning/runThread.js";
import type { Backend } from "./harness.js";

export interface ThreadCheckpoints {
  read(out: string, thread: string): Promise<{ labels: Array<{ id: string; label: string }> } | null>;
  status(out: string, thread: string): Promise<string>;
  close(): Promise<void>;
}

/** Reads threads from the harness process, between the children's runs. */
export function threadCheckpoints(backend: Backend, url?: string): ThreadCheckpoints {
  let postgres: PostgresSaver | null = null;
  const saver = async (out: string): Promise<{ saver: BaseCheckpointSaver; done: () => void }> => {
    if (backend === "postgres") {
      postgres ??= PostgresSaver.fromConnString(url!);
      return { saver: postgres, done: () => undefined };
    }
    const sqlite = SqliteSaver.fromConnString(join(out, "checkpoints.sqlite"));
    return { saver: sqlite, done: () => sqlite.db.close() };
  };
  return {
    async read(out, thread) {
      const { saver: s, done } = await saver(out);
      try {
        const status = await threadStatus(s, thread);
        return status.kind === "empty" ? null : status.state;
      } finally {
        done();
      }
    },
    async status(out, thread) {
      const { saver: s, done } = await saver(out);
      try {
        return (await threadStatus(s, thread)).kind;
      } finally {
        done();
      }
    },
    close: async () => {
      await postgres?.end();
    },
  };
}
