import { z } from "zod";
import type { PendingQuestion } from "../../graphs/activeLearning/runThread.js";
import { LabelRecordSchema, type LabelRecord } from "../../tools/labels/labelRecord.js";
import { RoundMetricsSchema, type RoundMetrics } from "../../tools/metrics/roundMetrics.js";

/**
 * What the labelling page needs of a thread: where it stands, the questions it waits on, and the
 * labels, money and learning curve so far. The same for a thread run in this process and one on a
 * LangGraph API server.
 */
export interface ThreadView {
  readonly threadId: string;
  /** waiting: on people; running: a step is under way; unfinished: stopped between steps (a crash); finished: stopped for good. */
  readonly phase: "waiting" | "running" | "unfinished" | "finished";
  readonly questions: readonly PendingQuestion[];
  readonly classes: readonly string[];
  readonly round: number;
  readonly labels: readonly LabelRecord[];
  readonly spentUsd: number;
  /** The USD budget; null when the run has none. */
  readonly maxUsd: number | null;
  readonly history: readonly RoundMetrics[];
  readonly stopReason: string | null;
}

/** A thread the page answers for: read it, or resume it with answers keyed by interrupt id. */
export interface LabelThread {
  /** Where the thread lives, safe to print. */
  readonly where: string;
  read(): Promise<ThreadView>;
  /**
   * Resumes the thread with `{ [interruptId]: answer }` through the graph's validated resume (a bad
   * answer comes back asked again, with its `error`), or with null to continue a thread that
   * stopped between steps; returns once it waits again or ends.
   */
  resume(answers: Record<string, unknown> | null): Promise<ThreadView>;
  close(): Promise<void>;
}

/** The state fields the page reads; checked, since a remote server's values arrive as plain JSON. */
const ThreadValuesSchema = z.looseObject({
  config: z.looseObject({ stopping: z.looseObject({ maxUsd: z.number().optional() }) }),
  classes: z.array(z.string()),
  round: z.number().int().min(0),
  labels: z.array(LabelRecordSchema),
  ledger: z.looseObject({ totalUsd: z.number() }),
  history: z.array(RoundMetricsSchema),
  stopReason: z.looseObject({ message: z.string() }).nullable().optional(),
});

export function threadView(threadId: string, phase: ThreadView["phase"], values: unknown, questions: readonly PendingQuestion[]): ThreadView {
  const state = ThreadValuesSchema.parse(values);
  return {
    threadId,
    phase,
    questions,
    classes: state.classes,
    round: state.round,
    labels: state.labels,
    spentUsd: state.ledger.totalUsd,
    maxUsd: state.config.stopping.maxUsd ?? null,
    history: state.history,
    stopReason: state.stopReason?.message ?? null,
  };
}
