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
import { createServices, type Services } from "../runtime/services.js";
import type { LabelRecord } from "../tools/labels/labelRecord.js";
import type { ResultRow } from "./results.js";

export interface CellJob {
  readonly key: string;
  readonly protocol: string;
  readonly cell: Cell;
  readonly simulated: boolean;
  /** The cell's LLMs as reports name them: the annotator's, then those of other roles (`generation: SmolLM2-135M-Instruct Q4_1`); absent without any. */
  readonly llm?: string;
  readonly config: RunConfig;
}

export type WorkerReply = { key: string; rows: ResultRow[] } | { key: string; error: string };

export async function runCell(job: CellJob): Promise<ResultRow[]> {
  // People, where the annotator asks them, are simulated from the gold labels.
  const services = createServices();
  const { state } = await runThread({
    threadId: job.key,
    checkpointer: new MemorySaver(),
    config: job.config,
    services,
    responder: simulatedHumans(job.config, { services }),
  });
  const labelAccuracy = await labelAccuracyByRound(job.config, services, state.labels).finally(() => services.close());
  const llmSeconds = Object.values(state.ledger.llm).reduce((sum, spend) => sum + (spend.seconds ?? 0), 0);
  let elapsedMs = 0;
  // A generation round labels no pool item: the share so far is the last round's.
  let labelAccuracySoFar: number | undefined;
  return state.history.map((round, i) => {
    labelAccuracySoFar = labelAccuracy.get(round.round) ?? labelAccuracySoFar;
    return {
      key: job.key,
      protocol: job.protocol,
      ...job.cell,
      simulated: job.simulated,
      ...(job.llm ? { llm: job.llm } : {}),
      round: round.round,
      labels: round.labels,
      usd: round.usd,
      accuracy: round.accuracy ?? Number.NaN,
      macroF1: round.macroF1 ?? Number.NaN,
      stageMs: round.stageMs,
      seconds: (elapsedMs += Object.values(round.stageMs).reduce((sum, ms) => sum + ms, 0)) / 1000,
      ...(job.llm && i === state.history.length - 1 ? { llmSeconds } : {}),
      ...(round.counters ? { counters: round.counters } : {}),
      ...(round.strategy ? { chosen: round.strategy } : {}),
      ...(labelAccuracySoFar !== undefined ? { labelAccuracy: labelAccuracySoFar } : {}),
      ...(round.stopSignals ? { stopSignals: round.stopSignals } : {}),
      ...(i === state.history.length - 1 && state.stopReason ? { stopReason: state.stopReason } : {}),
    };
  });
}

/** Per round: the share of the labels given up to it that agree with the gold labels (generated items have none and are left out). */
async function labelAccuracyByRound(config: RunConfig, services: Services, labels: readonly LabelRecord[]): Promise<Map<number, number>> {
  const workspace = await services.workspace(config);
  const pooled = labels.filter((record) => workspace.pool.has(record.id));
  const gold = new Map(
    workspace
      .oracle(0, config.seed)
      .annotate(pooled.map((record) => record.id))
      .map(({ id, label }) => [id, label]),
  );
  const byRound = new Map<number, number>();
  let right = 0;
  const sorted = [...pooled].sort((a, b) => a.round - b.round);
  sorted.forEach((record, i) => {
    if (gold.get(record.id) === record.label) right++;
    if (i === sorted.length - 1 || sorted[i + 1].round !== record.round) byRound.set(record.round, right / (i + 1));
  });
  return byRound;
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
