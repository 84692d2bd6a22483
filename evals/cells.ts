/** The target model a cell uses unless told otherwise: its cells keep the keys they had before models were an axis. */
export const DEFAULT_MODEL = "softmax";

/** One run of the benchmark: a dataset, a query strategy, a target model, an annotator and a seed. */
export interface Cell {
  readonly dataset: string;
  readonly strategy: string;
  /** activegraph's target model; absent means DEFAULT_MODEL (a peer's cells name their model in the strategy). */
  readonly model?: string;
  readonly annotator: string;
  readonly seed: number;
}

export function cellKey(cell: Cell, protocol: string): string {
  return [cell.dataset, cell.strategy, cell.annotator, cell.seed, protocol, ...((cell.model ?? DEFAULT_MODEL) === DEFAULT_MODEL ? [] : [cell.model])].join("|");
}

/** Every combination, dataset-major so that a worker keeps one dataset loaded across its cells. */
export function planCells(datasets: string[], strategies: string[], models: string[], annotators: string[], seeds: number): Cell[] {
  const cells: Cell[] = [];
  for (const dataset of datasets)
    for (let seed = 0; seed < seeds; seed++)
      for (const strategy of strategies)
        for (const model of models) for (const annotator of annotators) cells.push({ dataset, strategy, model, annotator, seed });
  return cells;
}
