import { Command, type BaseCheckpointSaver } from "@langchain/langgraph";
import type { State } from "./state.js";
import { HumanRequestSchema, type HumanRequest } from "../../tools/annotators/humanAnswer.js";
import type { RoundMetrics } from "../../tools/metrics/roundMetrics.js";
import type { RunConfig } from "../../runtime/config/runConfig.js";
import { createServices, type Services } from "../../runtime/services.js";
import { preflight } from "../../runtime/preflight.js";
import { compileActiveLearning, runContext } from "./graph.js";
import { pendingTasks } from "./pendingTasks.js";

/** A question the graph is waiting on: an askHuman interrupt, answered by its id. */
export interface PendingQuestion {
  readonly interruptId: string;
  readonly request: HumanRequest;
}

/**
 * Answers pending questions: `{ [interruptId]: resume value }` for any of them (the rest stay
 * pending and are asked again), or null to stop and leave them all pending in the checkpoint.
 */
export type HumanResponder = (questions: readonly PendingQuestion[]) => Promise<Record<string, unknown> | null>;

export interface RunThreadOptions {
  readonly threadId: string;
  readonly checkpointer: BaseCheckpointSaver;
  /** The config of a new thread; a thread that already exists continues with its own. */
  readonly config?: RunConfig;
  /** Answers to questions the thread was left waiting on (by interrupt id). */
  readonly resume?: Record<string, unknown>;
  /** Answers questions as they come; without one the run returns as soon as it waits on people. */
  readonly responder?: HumanResponder;
  /** Called after every round's evaluation. */
  readonly onRound?: (metrics: RoundMetrics) => void;
  readonly signal?: AbortSignal;
  /** The workspaces and LLM clients to run with; a run makes (and closes) its own without. */
  readonly services?: Services;
}

export interface RunThreadResult {
  readonly state: State;
  /**
   * "new": started here; "resumed": continued from a checkpoint; "finished": had already ended;
   * "waiting": stopped on questions for people (in `pending`).
   */
  readonly status: "new" | "resumed" | "finished" | "waiting";
  readonly pending: readonly PendingQuestion[];
}

/**
 * What a thread holds already: nothing, an unfinished run, or a finished one; and, read from the
 * checkpoint without running anything, the questions it is waiting on.
 */
export async function threadStatus(checkpointer: BaseCheckpointSaver, threadId: string) {
  return statusOf(compileActiveLearning(checkpointer), threadId);
}

async function statusOf(graph: ReturnType<typeof compileActiveLearning>, threadId: string) {
  const snapshot = await graph.getState({ configurable: { thread_id: threadId } });
  const values = snapshot.values as Partial<State> | undefined;
  if (!values?.config) return { kind: "empty" as const };
  const pending = waitingQuestions(snapshot.tasks);
  return { kind: pendingTasks(snapshot).length > 0 ? ("unfinished" as const) : ("finished" as const), state: values as State, pending };
}

/**
 * Runs a thread of the active-learning graph: starts it with `config` when it is new, or resumes
 * it from its last checkpoint (re-running only the step that was cut short). When it stops on
 * questions for people, the responder answers them and the run goes on; without a responder (or
 * when it returns null) the run returns "waiting" with the questions, to be resumed later.
 */
export async function runThread(options: RunThreadOptions): Promise<RunThreadResult> {
  const services = options.services ?? createServices();
  try {
    return await runWith(compileActiveLearning(options.checkpointer, services), services, options);
  } finally {
    if (!options.services) services.close();
  }
}

async function runWith(graph: ReturnType<typeof compileActiveLearning>, services: Services, options: RunThreadOptions): Promise<RunThreadResult> {
  const thread = { configurable: { thread_id: options.threadId } };
  const before = await statusOf(graph, options.threadId);
  if (before.kind === "finished") return { state: before.state, status: "finished", pending: [] };
  if (before.kind === "empty" && !options.config) throw new Error(`thread "${options.threadId}" does not exist and no config was given`);
  // A new thread is refused for bad data, a model without a price or a missing key before its first checkpoint.
  if (before.kind === "empty") await preflight(services, options.config!);
  // LangGraph validates the context on every invocation, resumes included: give the thread's own.
  const context = runContext(before.kind === "empty" ? options.config! : before.state.config!);

  // A new thread gets its config in its input as well as its context: the input is checkpointed
  // before initialize runs, so a process killed inside initialize leaves a thread that knows its
  // config and resumes, not one that must be started again.
  let input: unknown = before.kind === "empty" ? { config: options.config } : options.resume ? new Command({ resume: options.resume }) : null;
  for (;;) {
    let pending: PendingQuestion[] = [];
    let steps = 0;
    // "sync": each checkpoint is saved before the next step starts, so a label is stored before any
    // later call is paid for, even with a remote checkpointer (Postgres) and a process killed hard.
    const stream = await graph.stream(input as never, { ...thread, context, streamMode: "updates", signal: options.signal, durability: "sync" });
    for await (const chunk of stream) {
      steps++;
      const update = chunk as Record<string, unknown>;
      const evaluated = update.evaluate as { history?: RoundMetrics[] } | undefined;
      if (evaluated?.history) for (const metrics of evaluated.history) options.onRound?.(metrics);
      if (Array.isArray(update.__interrupt__)) pending = pending.concat(update.__interrupt__.map(toQuestion));
    }
    const status = before.kind === "empty" ? "new" : "resumed";
    if (pending.length === 0) {
      const after = await graph.getState(thread);
      // Questions still open (asked before, or asked again after a refused answer) are waited on,
      // never taken for the end of the run.
      pending = waitingQuestions(after.tasks);
      if (pending.length === 0) {
        // A resume that runs nothing while tasks are pending would hand back a silently unfinished run.
        const left = pendingTasks(after);
        if (steps === 0 && left.length > 0) {
          throw new Error(
            `thread "${options.threadId}": resuming ran no step although ${left.join(", ")} is pending (checkpoint ${after.config.configurable?.checkpoint_id})`,
          );
        }
        return { state: after.values as State, status, pending };
      }
    }
    const answers = options.responder ? await options.responder(pending) : null;
    if (!answers) return { state: (await graph.getState(thread)).values as State, status: "waiting", pending };
    input = new Command({ resume: answers });
  }
}

/**
 * The questions a thread waits on, from the tasks of its state (in-process or from the API
 * server): the last interrupt of each task without output. A task answered while others still wait
 * keeps its interrupt in the snapshot, and one asked again after a refused answer lists both.
 */
export function waitingQuestions(
  tasks: ReadonlyArray<{ readonly interrupts?: ReadonlyArray<{ id?: string; value?: unknown }>; readonly result?: unknown }>,
): PendingQuestion[] {
  const questions: PendingQuestion[] = [];
  for (const task of tasks) {
    const last = task.interrupts?.at(-1);
    if (task.result !== undefined && task.result !== null) continue;
    const request = HumanRequestSchema.safeParse(last?.value);
    // Another graph's interrupts are no questions about labels.
    if (last?.id && request.success) questions.push({ interruptId: last.id, request: request.data });
  }
  return questions;
}

function toQuestion(raw: { id: string; value: unknown }): PendingQuestion {
  return { interruptId: raw.id, request: HumanRequestSchema.parse(raw.value) };
}
