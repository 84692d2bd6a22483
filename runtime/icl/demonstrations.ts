import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { nearestDemonstrations } from "../../tools/strategies/icl/nearest.js";
import { iclStrategy } from "../../tools/strategies/icl/registry.js";
import type { IclConfig } from "../config/iclConfig.js";
import { testVectors } from "../workspace/testVectors.js";
import type { Workspace } from "../workspace/workspace.js";
import { labeledIndices } from "./queryInput.js";

/** A demonstration as the prompt shows it, with the pool id it came from. */
export interface Demonstration {
  readonly id: string;
  readonly text: string;
  readonly label: string;
}

/**
 * The demonstrations each test input (positions in the test split) is shown, in prompt order: its
 * k nearest labeled items when the strategy retrieves them (similarity) or the config says
 * `retrieval: "nearest"`; otherwise the strategy's own k (its `choose`, else the first k labeled),
 * the same for every input. Only pool items labeled with a class of the data are shown.
 */
export async function demonstrationsFor(
  config: IclConfig,
  workspace: Workspace,
  labels: readonly LabelRecord[],
  tests: readonly number[],
): Promise<Demonstration[][]> {
  const strategy = iclStrategy(config.strategy);
  const labeled = labeledIndices(workspace, labels).filter((item) => item.label >= 0);
  const asDemonstration = (position: number): Demonstration => {
    const { index, label } = labeled[position];
    return { id: workspace.pool.ids[index], text: workspace.pool.texts[index], label: workspace.classes[label] };
  };
  if (strategy.demonstrations === "nearest" || config.retrieval === "nearest") {
    if (labeled.length === 0) return tests.map(() => []);
    const { vectors } = await workspace.vectors.of(config.vectors);
    const nearest = nearestDemonstrations(await testVectors(workspace, config.vectors, tests), vectors, labeled, config.k);
    return nearest.map((positions) => positions.map(asDemonstration));
  }
  const chosen = strategy.choose ? strategy.choose(labeled, config.k, workspace.classes.length) : labeled.slice(0, config.k).map((_, position) => position);
  const shared = chosen.map(asDemonstration);
  return tests.map(() => shared);
}
