/**
 * Loaded into an `activegraph run` child of the crash harness (`node --import tsx --import
 * evals/crash/killSwitch.ts`): it kills its own process with SIGKILL at the kill point named in
 * ACTIVEGRAPH_CRASH_KILL_AT (a graph node's start, end or middle, or a checkpoint write), and
 * logs where the kill landed; or, with ACTIVEGRAPH_CRASH_PROFILE, counts every such event of an
 * uninterrupted run, so kill points can be drawn from what a run really does. It changes nothing
 * else: the child is the CLI a user runs.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { CallbackManager } from "@langchain/core/callbacks/manager";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { checkpointEvent, KILL_AT_ENV, KILL_LOG_ENV, nodeEvent, PROFILE_ENV, type KillPoint } from "./killPoint.js";

const point: KillPoint | null = process.env[KILL_AT_ENV] ? JSON.parse(process.env[KILL_AT_ENV]!) : null;
const profilePath = process.env[PROFILE_ENV];
const killLog = process.env[KILL_LOG_ENV];
const counts: Record<string, number> = {};
/** Graph nodes running now, by run id: where a kill lands. */
const running = new Map<string, string>();

function count(event: string): number {
  counts[event] = (counts[event] ?? 0) + 1;
  return counts[event];
}

function die(where: string): never {
  if (killLog) appendFileSync(killLog, `${JSON.stringify({ where, running: [...new Set(running.values())] })}\n`);
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable");
}

if (profilePath) process.on("exit", () => writeFileSync(profilePath, JSON.stringify(counts)));

/** Sees every graph node start and end (subgraph nodes included), through LangChain's callbacks. */
class StageWatcher extends BaseCallbackHandler {
  name = "activegraph-crash-stage-watcher";
  override awaitHandlers = true;

  // LangChain calls it with (chain, inputs, runId, parentRunId, tags, metadata, runType, runName).
  override handleChainStart(...args: unknown[]) {
    const [, , runId, parentRunId, , metadata, , runName] = args as [
      unknown,
      unknown,
      string,
      string | undefined,
      unknown,
      Record<string, unknown> | undefined,
      unknown,
      string | undefined,
    ];
    const node = metadata?.langgraph_node;
    if (typeof node !== "string" || runName !== node) return;
    // A node's runnable may nest one of the same name: count the outermost.
    if (parentRunId && running.get(parentRunId) === node) return;
    running.set(runId, node);
    const n = count(nodeEvent(node));
    if (point?.at !== "node" || point.node !== node || point.occurrence !== n) return;
    if (point.moment === "start") die(`start of ${node} #${n}`);
    if (point.moment === "mid") setTimeout(() => die(`${point.afterMs} ms into ${node} #${n}`), point.afterMs ?? 0);
    if (point.moment === "end") endKills.add(runId);
  }

  override handleChainEnd(_outputs: unknown, runId: string) {
    const node = running.get(runId);
    if (node === undefined) return;
    if (endKills.has(runId)) die(`end of ${node} (result computed, writes not saved)`);
    running.delete(runId);
  }

  override handleChainError(_error: unknown, runId: string) {
    running.delete(runId);
  }
}
const endKills = new Set<string>();

// Every run's callback manager gets the watcher (LangChain's configure hooks live in an async
// context this preload does not share with the CLI, so the manager itself is wrapped).
const watcher = new StageWatcher();
const configure = CallbackManager._configureSync.bind(CallbackManager);
CallbackManager._configureSync = ((...args: Parameters<typeof CallbackManager._configureSync>) => {
  const manager = configure(...args) ?? new CallbackManager();
  if (!manager.handlers.includes(watcher)) manager.addHandler(watcher, true);
  return manager;
}) as typeof CallbackManager._configureSync;

/** Wraps a saver's checkpoint writes with the kill points around them. */
function watchWrites(prototype: { put: (...args: never[]) => Promise<unknown>; putWrites: (...args: never[]) => Promise<unknown> }) {
  for (const op of ["put", "putWrites"] as const) {
    const original = prototype[op];
    prototype[op] = async function (this: unknown, ...args: never[]) {
      const n = count(checkpointEvent(op));
      const here = point?.at === "checkpoint" && point.op === op && point.occurrence === n ? point.moment : null;
      if (here === "before") die(`before ${op} #${n}`);
      const pending = original.apply(this, args);
      // SQLite writes synchronously inside the call; Postgres is still talking to the server here.
      if (here === "during") setImmediate(() => die(`during ${op} #${n}`));
      const result = await pending;
      if (here === "after") die(`after ${op} #${n}`);
      return result;
    };
  }
}
watchWrites(SqliteSaver.prototype as never);
watchWrites(PostgresSaver.prototype as never);
