/**
 * Where a crash-harness child kills itself (evals/crash/killSwitch.ts) or is killed by the harness.
 * Counting starts afresh in every process.
 */
export type KillPoint =
  /** At the start or end of the n-th run of a graph node (end: its result computed, its writes not yet saved), or a delay after its start. */
  | { readonly at: "node"; readonly node: string; readonly occurrence: number; readonly moment: "start" | "end" | "mid"; readonly afterMs?: number }
  /** Around the n-th checkpoint write: `put` stores a step's checkpoint, `putWrites` one task's writes. */
  | { readonly at: "checkpoint"; readonly op: "put" | "putWrites"; readonly occurrence: number; readonly moment: "before" | "during" | "after" }
  /** When the loopback LLM server receives its n-th request, other calls in flight (the harness kills). */
  | { readonly at: "llmRequest"; readonly occurrence: number }
  /** Just after the harness typed the n-th answer at the terminal (the harness kills). */
  | { readonly at: "humanAnswer"; readonly occurrence: number; readonly afterMs: number };

/** The stage a kill point targets, for the report. */
export function stageOf(point: KillPoint): string {
  switch (point.at) {
    case "node":
      return point.node;
    case "checkpoint":
      return `checkpoint ${point.op}`;
    case "llmRequest":
      return "LLM call in flight";
    case "humanAnswer":
      return "human answers";
  }
}

/** What a child counted in a run without kills: how often each event happened. */
export type Profile = Record<string, number>;

export const nodeEvent = (node: string) => `node:${node}`;
export const checkpointEvent = (op: "put" | "putWrites") => `checkpoint:${op}`;

/** The environment variables the kill switch reads. */
export const KILL_AT_ENV = "ACTIVEGRAPH_CRASH_KILL_AT";
export const PROFILE_ENV = "ACTIVEGRAPH_CRASH_PROFILE";
export const KILL_LOG_ENV = "ACTIVEGRAPH_CRASH_KILL_LOG";
