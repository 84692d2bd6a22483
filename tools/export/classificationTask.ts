import { labelList } from "../llm/prompts/labelList.js";

/** What a fine-tuned model is asked: the run's task description and its label set. */
export interface ClassificationTask {
  /** The task in a sentence (the run's `task.description`, or the default every prompt carries). */
  readonly instructions: string;
  /** The label set, as the run used it. */
  readonly labels: readonly string[];
  readonly labelDescriptions?: Readonly<Record<string, string>>;
}

/**
 * The instructions of a fine-tuning example: the task and the label set in the same "Labels:"
 * section activegraph's own LLM prompts use, and the answer wanted (the bare label), so the tuned
 * model answers the way its examples do.
 */
export function classificationInstructions(task: ClassificationTask): string {
  return [
    task.instructions,
    "",
    ...labelList(task.labels, task.labelDescriptions),
    "",
    "Answer with the one label that fits the text, exactly as written above, and nothing else.",
  ].join("\n");
}
