import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { DistillConfig } from "../../runtime/config/distillConfig.js";
import { createServices, type Services } from "../../runtime/services.js";
import { pendingTasks } from "../activeLearning/pendingTasks.js";
import { compileDistillation, distillContext } from "./graph.js";
import type { DistillRound, DistillState } from "./state.js";

export interface RunDistillationOptions {
  readonly threadId: string;
  readonly checkpointer: BaseCheckpointSaver;
  /** The config of a new thread; a thread that already exists continues with its own. */
  readonly config?: DistillConfig;
  /** Called after each round's student, with its point on the distillation curve. */
  readonly onRound?: (point: DistillRound) => void;
  /** Called after each teacher wave, with the items asked so far. */
  readonly onWave?: (teacherLabels: number) => void;
  readonly signal?: AbortSignal;
  /** The workspaces and LLM clients to run with; a run makes (and closes) its own without. */
  readonly services?: Services;
}

/** What a distillation thread holds: nothing, an unfinished run, or a finished one. */
export async function distillationStatus(checkpointer: BaseCheckpointSaver, threadId: string) {
  return statusOf(compileDistillation(checkpointer), threadId);
}

async function statusOf(graph: ReturnType<typeof compileDistillation>, threadId: string) {
  const snapshot = await graph.getState({ configurable: { thread_id: threadId } });
  const values = snapshot.values as Partial<DistillState> | undefined;
  if (!values?.config) return { kind: "empty" as const };
  // Pending tasks, not `next`: a kill after a step's writes but before its checkpoint leaves `next` empty.
  return { kind: pendingTasks(snapshot).length > 0 ? ("unfinished" as const) : ("finished" as const), state: values as DistillState };
}

/**
 * Runs a distillation thread: starts it with `config` when it is new, or resumes it from its last
 * checkpoint (re-running only the step that was cut short; teacher answers already paid for come
 * from the response cache). Each checkpoint is saved before the next step starts, so a wave's
 * labels are stored before the next wave is paid for.
 */
export async function runDistillation(options: RunDistillationOptions): Promise<{ state: DistillState; status: "new" | "resumed" | "finished" }> {
  const services = options.services ?? createServices();
  try {
    const graph = compileDistillation(options.checkpointer, services);
    const thread = { configurable: { thread_id: options.threadId } };
    const before = await statusOf(graph, options.threadId);
    if (before.kind === "finished") return { state: before.state, status: "finished" };
    if (before.kind === "empty" && !options.config) throw new Error(`thread "${options.threadId}" does not exist and no config was given`);
    const context = distillContext(before.kind === "empty" ? options.config! : before.state.config!);
    const input = before.kind === "empty" ? {} : null;
    const stream = await graph.stream(input as never, { ...thread, context, streamMode: "updates", signal: options.signal, durability: "sync" });
    for await (const chunk of stream) {
      const update = chunk as Record<string, { history?: DistillRound[]; teacherLabels?: number } | undefined>;
      for (const point of update.trainStudent?.history ?? []) options.onRound?.(point);
      if (update.askTeacher?.teacherLabels !== undefined) options.onWave?.(update.askTeacher.teacherLabels);
    }
    return { state: (await graph.getState(thread)).values as DistillState, status: before.kind === "empty" ? "new" : "resumed" };
  } finally {
    if (!options.services) services.close();
  }
}
