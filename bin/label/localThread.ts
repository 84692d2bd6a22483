import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { runThread, threadStatus } from "../../graphs/activeLearning/runThread.js";
import { createServices } from "../../runtime/services.js";
import { ActiveGraphError } from "../../tools/errors.js";
import { threadView, type LabelThread, type ThreadView } from "./labelThread.js";

/**
 * A thread run in this process on a checkpointer (SQLite or Postgres, as `--checkpointer` opens
 * them): read from its checkpoint, resumed with `runThread({ resume })`, which runs it on (training,
 * the next query) until it waits on people again.
 */
export function localThread(checkpointer: BaseCheckpointSaver, threadId: string, where: string, close: () => Promise<void> = async () => {}): LabelThread {
  // One set of services for every resume: the pool and features load once, not once per answer.
  const services = createServices();
  const read = async (): Promise<ThreadView> => {
    const status = await threadStatus(checkpointer, threadId);
    if (status.kind === "empty") throw new ActiveGraphError(`thread "${threadId}" does not exist in ${where}: start it with activegraph run --annotator human`);
    const phase = status.kind === "finished" ? "finished" : status.pending.length > 0 ? "waiting" : "unfinished";
    return threadView(threadId, phase, status.state, status.pending);
  };
  return {
    where: `thread ${threadId} in ${where}`,
    read,
    resume: async (answers) => {
      await runThread({ threadId, checkpointer, services, ...(answers ? { resume: answers } : {}) });
      return read();
    },
    close: async () => {
      services.close();
      await close();
    },
  };
}
