import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ResultRow } from "./results.js";
import type { CellJob, WorkerReply } from "./worker.js";

// The worker beside this module, in the same form: the sources run through tsx, a compiled copy
// (the tests run one) as plain JavaScript.
const COMPILED = import.meta.url.endsWith(".js");
const WORKER = fileURLToPath(new URL(COMPILED ? "./worker.js" : "./worker.ts", import.meta.url));
const WORKER_EXEC_ARGV = COMPILED ? [] : ["--import", "tsx"];

export interface CellEvents {
  done(job: CellJob, rows: ResultRow[]): void;
  failed(job: CellJob, error: string): void;
}

/**
 * Runs jobs on `workers` child processes (one per core by default). A free worker takes the next
 * job of the dataset it already has loaded, if any, so each dataset is featurized once per worker.
 */
export async function runCells(jobs: readonly CellJob[], workers: number, events: CellEvents): Promise<void> {
  const pending = [...jobs];
  const count = Math.max(1, Math.min(workers, pending.length));
  await Promise.all(Array.from({ length: count }, () => drive(pending, events)));
}

async function drive(pending: CellJob[], events: CellEvents): Promise<void> {
  if (pending.length === 0) return;
  const child: ChildProcess = fork(WORKER, [], { execArgv: WORKER_EXEC_ARGV, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let lastDataset: string | undefined;
  try {
    for (;;) {
      const at = Math.max(
        0,
        pending.findIndex((job) => job.cell.dataset === lastDataset),
      );
      const job = pending.splice(at, 1)[0];
      if (!job) return;
      lastDataset = job.cell.dataset;
      const reply = await ask(child, job);
      if ("rows" in reply) events.done(job, reply.rows);
      else events.failed(job, reply.error);
    }
  } finally {
    child.kill();
  }
}

function ask(child: ChildProcess, job: CellJob): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      if (reply.key !== job.key) return;
      cleanup();
      resolve(reply);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`benchmark worker exited (${signal ?? `code ${code}`}) while running ${job.key}`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
    child.send(job);
  });
}
