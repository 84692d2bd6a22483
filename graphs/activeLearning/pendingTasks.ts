import type { StateSnapshot } from "@langchain/langgraph";

/**
 * The tasks a thread has not finished, from its snapshot. `snapshot.next` is not enough: it lists
 * only tasks without saved writes, so a process killed after a step's writes were saved but before
 * its checkpoint was put, or a question whose answer was refused (a resume value is a write), leaves
 * `next` empty while the work is still pending. `snapshot.tasks` holds every task of the next step,
 * with its interrupts; a finished thread has none.
 */
export function pendingTasks(snapshot: Pick<StateSnapshot, "tasks">): string[] {
  return snapshot.tasks.map((task) => task.name);
}
