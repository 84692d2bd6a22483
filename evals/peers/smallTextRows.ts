import { z } from "zod";
import { accuracy, macroF1 } from "../../tools/metrics/classification.js";
import type { Cell } from "../cells.js";
import type { Protocol } from "../protocol.js";
import type { ResultRow } from "../results.js";

/** One cell as small_text_peer.py prints it: the ids picked and the test predictions after each round. */
export const PeerCellOutputSchema = z
  .object({
    seed: z.number().int().min(0),
    rounds: z.array(
      z
        .object({
          round: z.number().int().min(0),
          labels: z.number().int().positive(),
          picked: z.array(z.string().min(1)),
          predictions: z.array(z.number().int().min(0)),
          ms: z.record(z.string(), z.number().min(0)),
        })
        .strict(),
    ),
  })
  .strict();
export type PeerCellOutput = z.infer<typeof PeerCellOutputSchema>;

/** What a line of the peer's output may be: a finished cell, or the error that ended it. */
export const PeerLineSchema = z.union([PeerCellOutputSchema, z.object({ error: z.string() }).strict()]);

export interface PeerCellContext {
  readonly key: string;
  /** The protocol tag of the run (cells of another protocol never mix). */
  readonly protocol: string;
  readonly cell: Cell;
  readonly settings: Protocol;
  /** The initial ids activegraph drew for this dataset and seed. */
  readonly initialIds: readonly string[];
  /** Pool ids: every pick must be one of them. */
  readonly poolIds: ReadonlySet<string>;
  /** Class index of each test item, in test order. */
  readonly truth: Int32Array;
  readonly numClasses: number;
}

/**
 * The benchmark's rows for one peer cell, scored by activegraph's own accuracy and macro-F1 on the
 * peer's test predictions. Refuses output that breaks the protocol: a first round that is not the
 * given initial set, a round that did not add one batch of new pool items, or predictions that do
 * not cover the test split.
 */
export function peerCellRows(output: PeerCellOutput, context: PeerCellContext): ResultRow[] {
  const { cell, settings, truth, numClasses } = context;
  const where = `${context.key}:`;
  if (output.seed !== cell.seed) throw new Error(`${where} the peer answered for seed ${output.seed}`);
  if (output.rounds.length !== settings.rounds + 1) throw new Error(`${where} ${output.rounds.length} rounds, expected ${settings.rounds + 1}`);
  const labelled = new Set<string>();
  const initial = new Set(context.initialIds);
  return output.rounds.map((round, r) => {
    if (round.round !== r) throw new Error(`${where} round ${round.round} where round ${r} was due`);
    if (r === 0 && (round.picked.length !== initial.size || round.picked.some((id) => !initial.has(id)))) {
      throw new Error(`${where} the peer started from other labels than the initial ids it was given`);
    }
    if (r > 0 && round.picked.length !== settings.batchSize)
      throw new Error(`${where} round ${r} picked ${round.picked.length} items, expected ${settings.batchSize}`);
    for (const id of round.picked) {
      if (!context.poolIds.has(id)) throw new Error(`${where} round ${r} picked "${id}", which is not in the pool`);
      if (labelled.has(id)) throw new Error(`${where} round ${r} picked "${id}" again`);
      labelled.add(id);
    }
    if (round.labels !== labelled.size) throw new Error(`${where} round ${r} reports ${round.labels} labels, ${labelled.size} were picked`);
    if (round.predictions.length !== truth.length)
      throw new Error(`${where} round ${r} has ${round.predictions.length} test predictions for ${truth.length} test items`);
    if (round.predictions.some((c) => c >= numClasses)) throw new Error(`${where} round ${r} predicts a class outside 0..${numClasses - 1}`);
    const last = r === settings.rounds;
    return {
      key: context.key,
      protocol: context.protocol,
      ...cell,
      simulated: true,
      round: r,
      labels: round.labels,
      // The gold oracle's fee, as activegraph's oracle cells pay it.
      usd: round.labels * settings.feeUsd,
      accuracy: accuracy(truth, round.predictions),
      macroF1: macroF1(truth, round.predictions, numClasses),
      stageMs: round.ms,
      ...(last ? { stopReason: { criterion: "maxRounds", message: `completed ${r} query rounds (limit ${settings.rounds})`, round: r } } : {}),
    };
  });
}
