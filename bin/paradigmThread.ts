import { existsSync, readFileSync } from "node:fs";
import { Command as Resume } from "@langchain/langgraph";
import { ConfigError } from "../tools/errors.js";

/** What the paradigm commands need of a compiled graph (active SFT, active preference). */
interface ThreadGraph {
  stream(input: unknown, options: Record<string, unknown>): Promise<AsyncIterable<unknown>>;
  getState(config: { configurable: { thread_id: string } }): Promise<{
    values: unknown;
    next: readonly string[];
    tasks: ReadonlyArray<{ interrupts?: ReadonlyArray<{ id?: string; value?: unknown }> }>;
  }>;
}

export interface ThreadRun<S> {
  readonly state: S;
  /** Questions the thread waits on (people's answers), by interrupt id. */
  readonly requests: Record<string, unknown>;
}

/**
 * Starts a thread with a config, resumes it with people's answers (`--answer`: one request's
 * answer, or answers keyed by interrupt id), or, with neither, goes on from its last checkpoint
 * (after a crash). Every node's update is handed to `onUpdate` as it lands (progress lines).
 */
export async function runParadigmThread<S>(
  graph: ThreadGraph,
  threadId: string,
  how: { start?: { config: unknown; context: Record<string, unknown> }; answerFile?: string },
  onUpdate: (node: string, update: Record<string, unknown>) => void,
): Promise<ThreadRun<S>> {
  const thread = { configurable: { thread_id: threadId } };
  let input: unknown = null;
  const options: Record<string, unknown> = { ...thread, streamMode: "updates" };
  if (how.start) {
    input = { config: how.start.config };
    options.context = how.start.context;
  } else if (how.answerFile) {
    const waiting = pendingRequests(await graph.getState(thread));
    if (Object.keys(waiting).length === 0) throw new ConfigError(`--answer: thread "${threadId}" is not waiting for an answer`);
    const answer = readAnswer(how.answerFile);
    const byId = answer && typeof answer === "object" && Object.keys(answer).every((key) => key in waiting);
    if (!byId && Object.keys(waiting).length > 1)
      throw new ConfigError(
        `--answer: the thread waits on ${Object.keys(waiting).length} requests: key the answers by their ids (${Object.keys(waiting).join(", ")})`,
      );
    input = new Resume({ resume: answer });
  }
  for await (const chunk of await graph.stream(input, options))
    for (const [node, update] of Object.entries(chunk as Record<string, unknown>))
      if (update && typeof update === "object" && !node.startsWith("__")) onUpdate(node, update as Record<string, unknown>);
  const snapshot = await graph.getState(thread);
  return { state: snapshot.values as S, requests: pendingRequests(snapshot) };
}

function pendingRequests(snapshot: Awaited<ReturnType<ThreadGraph["getState"]>>): Record<string, unknown> {
  const requests: Record<string, unknown> = {};
  for (const task of snapshot.tasks) for (const pending of task.interrupts ?? []) if (pending.id) requests[pending.id] = pending.value;
  return requests;
}

function readAnswer(path: string): unknown {
  if (!existsSync(path)) throw new ConfigError(`--answer: ${path}: no such file`);
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`--answer: ${path}: not valid JSON (${(error as Error).message})`);
  }
}
