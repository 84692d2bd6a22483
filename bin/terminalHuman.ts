import { createInterface } from "node:readline/promises";
import type { HumanResponder } from "../graphs/activeLearning/runThread.js";

const MAX_SHOWN = 800;

/**
 * Asks the questions a run is waiting on at the terminal, one item at a time: a label by number or
 * name, `s` to skip the item (it goes back to the pool), `q` to stop (what is unanswered stays
 * pending in the checkpoint; resume with --thread). Reads piped answers line by line as well.
 * After `q`, or once `close` is called at the end of the run, it lets go of its input, so the
 * process can exit while the terminal stays open.
 */
export function terminalHuman(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): HumanResponder & { close(): void } {
  const lines = createInterface({ input, output, terminal: false });
  const queued: string[] = [];
  let closed = false;
  let stopped = false;
  let waiting: ((line: string | null) => void) | null = null;
  lines.on("line", (line) => {
    if (!waiting) return queued.push(line);
    const deliver = waiting;
    waiting = null;
    deliver(line);
  });
  lines.on("close", () => {
    closed = true;
    waiting?.(null);
  });
  const nextLine = (): Promise<string | null> =>
    queued.length > 0 ? Promise.resolve(queued.shift()!) : closed ? Promise.resolve(null) : new Promise((resolve) => (waiting = resolve));

  const close = () => {
    lines.close();
    // readline pauses its input; a terminal's stdin must also stop holding the process open.
    if (input === process.stdin) process.stdin.unref?.();
  };
  const responder: HumanResponder = async (questions) => {
    if (stopped) return null;
    const answers: Record<string, Record<string, unknown>> = {};
    for (const question of questions) {
      const { request } = question;
      if (request.error) output.write(`\n${request.error}\n`);
      for (const item of request.items) {
        const text = item.text.length > MAX_SHOWN ? `${item.text.slice(0, MAX_SHOWN)}…` : item.text;
        output.write(`\n── round ${request.round} · ${item.id} (${item.reason}) ──\n${text}\n`);
        if (item.suggestion) {
          const confidence = item.suggestion.confidence === null ? "" : ` (confidence ${item.suggestion.confidence.toFixed(2)})`;
          output.write(`${item.suggestion.model} suggests: ${item.suggestion.label}${confidence}\n`);
        }
        output.write(`${request.classes.map((label, i) => `${i + 1}) ${label}`).join("   ")}   s) skip   q) stop\n`);
        for (;;) {
          output.write("label> ");
          const line = (await nextLine())?.trim();
          if (line === undefined || line === "q") {
            // Stop asking: what was answered is applied, the rest stays pending for --thread.
            stopped = true;
            close();
            return Object.keys(answers).length > 0 ? answers : null;
          }
          if (line === "s") {
            (answers[question.interruptId] ??= {})[item.id] = { skip: true };
            break;
          }
          const label = /^\d+$/.test(line) ? request.classes[Number(line) - 1] : request.classes.find((l) => l === line);
          if (label === undefined) {
            output.write(`"${line}" is neither a label nor its number\n`);
            continue;
          }
          (answers[question.interruptId] ??= {})[item.id] = label;
          break;
        }
      }
    }
    return answers;
  };
  return Object.assign(responder, { close });
}
