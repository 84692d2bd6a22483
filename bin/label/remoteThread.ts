import { Client } from "@langchain/langgraph-sdk";
import { waitingQuestions } from "../../graphs/activeLearning/runThread.js";
import { ActiveGraphError } from "../../tools/errors.js";
import { threadView, type LabelThread, type ThreadView } from "./labelThread.js";

/**
 * A thread on a LangGraph API server, through `@langchain/langgraph-sdk`: read with getState, and
 * resumed with a run of `graphId` carrying `Command({ resume })`, as any API client answers.
 */
export function remoteThread(url: string, threadId: string, graphId: string): LabelThread {
  const client = new Client({ apiUrl: url });
  const read = async (): Promise<ThreadView> => {
    const [thread, state] = await Promise.all([client.threads.get(threadId), client.threads.getState(threadId)]).catch((error: Error) => {
      throw new ActiveGraphError(`thread "${threadId}" on ${url}: ${error.message}`);
    });
    const questions = waitingQuestions(state.tasks);
    if (!(state.values as { config?: unknown } | null)?.config)
      throw new ActiveGraphError(`thread "${threadId}" on ${url} has not started an active-learning run`);
    // Pending tasks, not `next`: `next` leaves out a task whose writes are saved (graphs/activeLearning/pendingTasks.ts).
    const phase = thread.status === "busy" ? "running" : questions.length > 0 ? "waiting" : state.tasks.length > 0 ? "unfinished" : "finished";
    return threadView(threadId, phase, state.values, questions);
  };
  return {
    where: `thread ${threadId} on ${url} (graph ${graphId})`,
    read,
    resume: async (answers) => {
      await client.runs.wait(threadId, graphId, {
        // No recursion_limit: the graph carries its own, which the server honours.
        ...(answers ? { command: { resume: answers } } : { input: null }),
      });
      return read();
    },
    close: async () => {},
  };
}
