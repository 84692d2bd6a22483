import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { State } from "../nodes/state.js";
import type { RoundMetrics } from "../tools/metrics/roundMetrics.js";
import type { RunConfig } from "../tools/runConfig.js";
import { compileActiveLearning, runContext } from "./activeLearning.js";

export interface RunThreadOptions {
  readonly threadId: string;
  readonly checkpointer: BaseCheckpointSaver;
  /** The config of a new thread; a thread that already exists continues with its own. */
  readonly config?: RunConfig;
  /** Called after every round's evaluation. */
  readonly onRound?: (metrics: RoundMetrics) => void;
  readonly signal?: AbortSignal;
}

export interface RunThreadResult {
  readonly state: State;
  /** "new": started here; "resumed": continued from a checkpoint; "finished": had already ended. */
  readonly status: "new" | "resumed" | "finished";
}

/** What a thread holds already: nothing, an unfinished run, or a finished one. */
export async function threadStatus(checkpointer: BaseCheckpointSaver, threadId: string) {
  const graph = compileActiveLearning(checkpointer);
  const snapshot = await graph.getState({ configurable: { thread_id: threadId } });
  const values = snapshot.values as Partial<State> | undefined;
  if (!values?.config) return { kind: "empty" as const };
  return { kind: snapshot.next.length > 0 ? ("unfinished" as const) : ("finished" as const), state: values as State };
}

/**
 * Runs a thread of the active-learning graph to its end: starts it with `config` when it is new,
 * or resumes it from its last checkpoint (re-running only the step that was cut short).
 */
export async function runThread(options: RunThreadOptions): Promise<RunThreadResult> {
  const graph = compileActiveLearning(options.checkpointer);
  const thread = { configurable: { thread_id: options.threadId } };
  const before = await threadStatus(options.checkpointer, options.threadId);
  if (before.kind === "finished") return { state: before.state, status: "finished" };
  if (before.kind === "empty" && !options.config) throw new Error(`thread "${options.threadId}" does not exist and no config was given`);

  const input = before.kind === "empty" ? {} : null;
  const stream = await graph.stream(input, {
    ...thread,
    // LangGraph validates the context on every invocation, resumes included: give the thread's own.
    context: runContext(before.kind === "empty" ? options.config! : before.state.config!),
    streamMode: "updates",
    signal: options.signal,
  });
  for await (const chunk of stream) {
    const evaluated = (chunk as Record<string, { history?: RoundMetrics[] }>).evaluate;
    if (evaluated?.history) for (const metrics of evaluated.history) options.onRound?.(metrics);
  }
  const after = await graph.getState(thread);
  return { state: after.values as State, status: before.kind === "empty" ? "new" : "resumed" };
}
