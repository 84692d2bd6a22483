/** One run of the benchmark: a dataset, a query strategy, an annotator and a seed. */
export interface Cell {
  readonly dataset: string;
  readonly strategy: string;
  readonly annotator: string;
  readonly seed: number;
}

export function cellKey(cell: Cell, protocol: string): string {
  return [cell.dataset, cell.strategy, cell.annotator, cell.seed, protocol].join("|");
}

/** Every combination, dataset-major so that a worker keeps one dataset loaded across its cells. */
export function planCells(datasets: string[], strategies: string[], annotators: string[], seeds: number): Cell[] {
  const cells: Cell[] = [];
  for (const dataset of datasets)
    for (let seed = 0; seed < seeds; seed++)
      for (const strategy of strategies) for (const annotator of annotators) cells.push({ dataset, strategy, annotator, seed });
  return cells;
}
