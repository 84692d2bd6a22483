/**
 * A process that runs a thread on a SqliteSaver whose `put` kills its own process with SIGKILL when
 * the checkpoint it is about to store is that of step N: the step's writes are saved (putWrites),
 * its checkpoint is not. Usage: node --import tsx killAtPut.ts <db> <thread> <step> <config json>
 */
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { Checkpoint, CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import { runThread } from "../../graphs/activeLearning/runThread.js";
import { asksPeople, parseRunConfig } from "../../runtime/config/runConfig.js";
import { simulatedHumans } from "../../graphs/activeLearning/simulatedHumans.js";

const [db, threadId, step, json] = process.argv.slice(2);

class KillingSqliteSaver extends SqliteSaver {
  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    if (metadata.step === Number(step)) process.kill(process.pid, "SIGKILL");
    return super.put(config, checkpoint, metadata);
  }
}

const config = parseRunConfig(JSON.parse(json));
await runThread({
  threadId,
  checkpointer: new KillingSqliteSaver(SqliteSaver.fromConnString(db).db),
  config,
  ...(asksPeople(config) ? { responder: simulatedHumans(config) } : {}),
});
console.log("not killed");
