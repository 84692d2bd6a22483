/**
 * A benchmark worker process: runs the cells its parent sends, one at a time, with the real graph,
 * and keeps datasets loaded between cells of the same dataset.
 */
import { MemorySaver } from "@langchain/langgraph";
import { runThread } from "../graphs/activeLearning/runThread.js";
import { simulatedHumans } from "../graphs/activeLearning/simulatedHumans.js";
import { allowManyAbortListeners } from "../tools/quietAbortListeners.js";
import type { RunConfig } from "../runtime/config/runConfig.js";
import type { Cell } from "./cells.js";
import type { ResultRow } from "./results.js";

export interface CellJob {
  readonly key: string;
  readonly protocol: string;
  readonly cell: Cell;
  readonly simulated: boolean;
  readonly config: RunConfig;
}

export type WorkerReply = { key: string; rows: ResultRow[] } | { key: string; error: string };

export async function runCell(job: CellJob): Promise<ResultRow[]> {
  // People, where the annotator asks them, are simulated from the gold labels.
  const { state } = await runThread({ threadId: job.key, checkpointer: new MemorySaver(), config: job.config, responder: simulatedHumans(job.config) });
  return state.history.map((round, i) => ({
    key: job.key,
    protocol: job.protocol,
    ...job.cell,
    simulated: job.simulated,
    round: round.round,
    labels: round.labels,
    usd: round.usd,
    accuracy: round.accuracy ?? Number.NaN,
    macroF1: round.macroF1 ?? Number.NaN,
    stageMs: round.stageMs,
    ...(round.counters ? { counters: round.counters } : {}),
    ...(round.stopSignals ? { stopSignals: round.stopSignals } : {}),
    ...(i === state.history.length - 1 && state.stopReason ? { stopReason: state.stopReason } : {}),
  }));
}

if (process.send) {
  allowManyAbortListeners();
  process.on("message", async (job: CellJob) => {
    let reply: WorkerReply;
    try {
      reply = { key: job.key, rows: await runCell(job) };
    } catch (error) {
      reply = { key: job.key, error: (error as Error).stack ?? String(error) };
    }
    process.send!(reply);
  });
}
