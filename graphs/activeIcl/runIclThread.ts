import { type BaseCheckpointSaver, Command } from "@langchain/langgraph";
import type { IclConfigInput } from "../../runtime/config/iclConfig.js";
import { createServices, type Services } from "../../runtime/services.js";
import { HumanRequestSchema } from "../../tools/annotators/humanAnswer.js";
import type { HumanResponder, PendingQuestion } from "../activeLearning/runThread.js";
import { waitingQuestions } from "../activeLearning/runThread.js";
import { pendingTasks } from "../activeLearning/pendingTasks.js";
import { compileActiveIcl, iclContext } from "./graph.js";
import type { IclState } from "./state.js";

export interface RunIclThreadOptions {
  readonly threadId: string;
  readonly checkpointer: BaseCheckpointSaver;
  /** The config of a new thread; a thread that already exists continues with its own. */
  readonly config?: IclConfigInput;
  /** Answers questions for people as they come; without one the run returns when it waits on them. */
  readonly responder?: HumanResponder;
  /** Called after every step with the node that ran (progress). */
  readonly onStep?: (node: string, state: Partial<IclState>) => void;
  readonly signal?: AbortSignal;
  readonly services?: Services;
}

export interface RunIclThreadResult {
  readonly state: IclState;
  readonly status: "new" | "resumed" | "finished" | "waiting";
  readonly pending: readonly PendingQuestion[];
}

/**
 * Runs a thread of the activeIcl graph: starts it with `config`, or resumes it from its last
 * checkpoint. Each step is checkpointed before the next starts ("sync"), so labels and the
 * learner's answers are stored before anything later is paid for. Questions for people go to the
 * responder; without one (or when it returns null) the run returns "waiting".
 */
export async function runIclThread(options: RunIclThreadOptions): Promise<RunIclThreadResult> {
  const services = options.services ?? createServices();
  const graph = compileActiveIcl(options.checkpointer, services);
  const thread = { configurable: { thread_id: options.threadId } };
  try {
    const before = await graph.getState(thread);
    const started = (before.values as Partial<IclState> | undefined)?.icl;
    // Finished only when no task is pending (a kill after a step's writes leaves one with no `next`).
    if (started && pendingTasks(before).length === 0) return { state: before.values as IclState, status: "finished", pending: [] };
    if (!started && !options.config) throw new Error(`thread "${options.threadId}" does not exist and no config was given`);
    // LangGraph validates the context on every invocation, resumes included: give the thread's own.
    const context = iclContext(started ?? options.config!);
    let input: unknown = started ? null : {};
    const pendingBefore = started ? waitingQuestions(before.tasks) : [];
    if (pendingBefore.length > 0) {
      const answers = options.responder ? await options.responder(pendingBefore) : null;
      if (!answers) return { state: before.values as IclState, status: "waiting", pending: pendingBefore };
      input = new Command({ resume: answers });
    }
    for (;;) {
      let pending: PendingQuestion[] = [];
      const stream = await graph.stream(input as never, { ...thread, context, streamMode: "updates", signal: options.signal, durability: "sync" });
      for await (const chunk of stream) {
        for (const [node, update] of Object.entries(chunk as Record<string, unknown>)) {
          if (node === "__interrupt__" && Array.isArray(update))
            pending = pending.concat(
              update.map((raw: { id: string; value: unknown }) => ({ interruptId: raw.id, request: HumanRequestSchema.parse(raw.value) })),
            );
          else options.onStep?.(node, (update ?? {}) as Partial<IclState>);
        }
      }
      const status = started ? "resumed" : "new";
      if (pending.length === 0) return { state: (await graph.getState(thread)).values as IclState, status, pending };
      const answers = options.responder ? await options.responder(pending) : null;
      if (!answers) return { state: (await graph.getState(thread)).values as IclState, status: "waiting", pending };
      input = new Command({ resume: answers });
    }
  } finally {
    if (!options.services) services.close();
  }
}
