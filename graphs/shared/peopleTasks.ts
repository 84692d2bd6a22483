import { Send } from "@langchain/langgraph";

/**
 * A people queue fanned out as tasks of `perTask` items, one Send to `node` each, so several
 * people can answer at once; `taskOf` makes the graph's own task (its round, fee, label set…).
 */
export function peopleTasks<I, T>(node: string, queue: readonly I[], perTask: number, taskOf: (items: I[]) => T): Send[] {
  const sends: Send[] = [];
  for (let i = 0; i < queue.length; i += perTask) sends.push(new Send(node, taskOf(queue.slice(i, i + perTask))));
  return sends;
}
