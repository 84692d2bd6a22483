import { resolve } from "node:path";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { z } from "zod";
import { ConfigError } from "../../tools/errors.js";
import { checkpointing } from "../checkpointer.js";
import { LabelDesk } from "./desk.js";
import type { LabelThread } from "./labelThread.js";
import { localThread } from "./localThread.js";
import { remoteThread } from "./remoteThread.js";
import { startLabelServer } from "./server.js";

/** `activegraph label` options, as commander hands them over (strings), checked here. */
const LabelOptionsSchema = z
  .object({
    thread: z.string().min(1),
    out: z.string().min(1),
    checkpointer: z.string().min(1).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    graph: z.string().min(1),
    port: z.coerce.number().int().min(0).max(65535),
    overlap: z.coerce.number().min(0).max(1),
    settle: z.enum(["third", "majority"]),
    itemsPerPerson: z.coerce.number().int().min(1).max(1000),
    lease: z.coerce.number().positive(),
  })
  .strict()
  .refine((options) => !(options.url && options.checkpointer), {
    message: "give either --url (a LangGraph API server) or --checkpointer, not both",
    path: ["url"],
  });
export type LabelOptions = z.input<typeof LabelOptionsSchema>;

const FLAG: Record<string, string> = { itemsPerPerson: "--items-per-person" };

/**
 * `activegraph label`: serves a page on localhost where people answer the questions a thread waits
 * on, for a thread run in this process (SQLite or Postgres checkpoints) or on a LangGraph API server.
 */
export async function labelCommand(raw: LabelOptions): Promise<void> {
  const parsed = LabelOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0] ?? "");
    throw new ConfigError(`${FLAG[key] ?? `--${key}`}: ${issue.message}`);
  }
  const options = parsed.data;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  let thread: LabelThread;
  if (options.url) thread = remoteThread(options.url, options.thread, options.graph);
  else {
    const store = checkpointing(options.checkpointer, resolve(options.out));
    if (!store.mayExist)
      throw new ConfigError(
        `thread "${options.thread}" does not exist: there are no checkpoints at ${store.where} (start it with activegraph run --annotator human)`,
      );
    const saver = await store.open();
    // A Postgres pool would keep the process alive after Ctrl-C.
    thread = localThread(saver, options.thread, store.where, async () => {
      if (saver instanceof PostgresSaver) await saver.end();
    });
  }
  const desk = new LabelDesk(thread, {
    overlap: options.overlap,
    settle: options.settle,
    itemsPerPerson: options.itemsPerPerson,
    leaseMs: options.lease * 1000,
    log,
  });
  const view = await desk.start();
  const server = await startLabelServer(desk, options.port);
  const items = view.questions.reduce((sum, q) => sum + q.request.items.length, 0);
  log(`labelling ${thread.where}: round ${view.round}, ${view.phase === "finished" ? `finished (${view.stopReason})` : `${items} item(s) waiting for people`}`);
  if (options.overlap > 0)
    log(
      `${Math.round(options.overlap * 100)}% of questions go to two people; disagreements are settled by ${options.settle === "third" ? "a third person" : "the majority"}`,
    );
  console.log(`open ${server.url} (Ctrl-C to stop)`);

  await new Promise<void>((done) => {
    let stopping = false;
    const stop = async () => {
      if (stopping) process.exit(130);
      stopping = true;
      await server.close();
      const held = desk.heldVotes();
      if (held > 0) log(`${held} answer(s) on items still waiting for another person were not sent: those items will be asked again`);
      if (desk.busy) log("waiting for the thread's current step to end (Ctrl-C again to quit now; the checkpoint is safe either way)");
      await desk.idle();
      await thread.close();
      done();
    };
    process.on("SIGINT", () => void stop());
    process.on("SIGTERM", () => void stop());
  });
}
