/**
 * Answering activegraph's questions over the API: start a run on a LangGraph server (`npm run
 * serve`), wait for the askHuman interrupts, answer them by interrupt id, and go on until the run
 * stops. Here the "person" is a keyword rule for spam, standing in for your labeling UI.
 *
 *   npm run serve -- --port 2024          # in one terminal
 *   npx tsx examples/sdkHumanInTheLoop.ts --url http://localhost:2024
 */
import { Client } from "@langchain/langgraph-sdk";
import { Command } from "commander";
// In your project: from "activegraph".
import type { HumanRequest, RunConfigInput } from "../api/index.js";

/** Labels one item of a question; returns a label of `request.classes`. */
export type Person = (item: HumanRequest["items"][number], request: HumanRequest) => string;

export interface RemoteRun {
  readonly threadId: string;
  readonly questionsAnswered: number;
  readonly values: Record<string, unknown>;
}

/**
 * Runs `config` on the server at `url`, answering every question with `person`, and returns the
 * thread's final state. `onQuestions` sees each batch of pending questions (for logging, or tests).
 */
export async function runRemotely(
  url: string,
  config: RunConfigInput,
  person: Person,
  options: { threadId?: string; onQuestions?: (questions: Array<{ id: string; request: HumanRequest }>) => void; maxAsks?: number } = {},
): Promise<RemoteRun> {
  const client = new Client({ apiUrl: url });
  const threadId = options.threadId ?? (await client.threads.create()).thread_id;
  // No recursion_limit: the graph carries its own (graphs/activeLearning/graph.ts), which the server honours.
  let payload: Parameters<typeof client.runs.wait>[2] = { input: {}, context: config };
  let answered = 0;
  for (let ask = 0; ask < (options.maxAsks ?? Number.POSITIVE_INFINITY); ask++) {
    await client.runs.wait(threadId, "activeLearning", payload);
    const state = await client.threads.getState(threadId);
    const questions = pendingQuestions(state.tasks);
    if (questions.length === 0) break;
    options.onQuestions?.(questions);
    const resume = Object.fromEntries(
      questions.map(({ id, request }) => [id, Object.fromEntries(request.items.map((item) => [item.id, person(item, request)]))]),
    );
    answered += questions.length;
    payload = { command: { resume } };
  }
  const final = await client.threads.getState(threadId);
  return { threadId, questionsAnswered: answered, values: final.values as Record<string, unknown> };
}

/** The interrupts still waiting, with their requests. */
export function pendingQuestions(tasks: ReadonlyArray<{ interrupts?: ReadonlyArray<{ id?: string; value?: unknown }> }>) {
  return tasks.flatMap((task) => task.interrupts ?? []).map((interrupt) => ({ id: interrupt.id!, request: interrupt.value as HumanRequest }));
}

/** A stand-in for a person labeling spam. */
export const keywordPerson: Person = (item, request) =>
  /free|money|offer|click|order|\$\d|credit|viagra|winner|guarantee/i.test(item.text) && request.classes.includes("spam") ? "spam" : request.classes[0];

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url, maxLabels } = new Command()
    .option("--url <url>", "LangGraph API server", "http://localhost:2024")
    .option("--max-labels <n>", "labels to collect", Number, 20)
    .parse()
    .opts<{ url: string; maxLabels: number }>();
  const result = await runRemotely(
    url,
    { dataset: { builtin: "spamassassin" }, annotator: { kind: "human", itemsPerTask: 1 }, initial: { size: 10 }, batchSize: 5, stopping: { maxLabels } },
    keywordPerson,
    { onQuestions: (questions) => console.log(`answering ${questions.length} question(s)`) },
  );
  const values = result.values as { labels: unknown[]; stopReason?: { message: string } };
  console.log(`thread ${result.threadId}: ${values.labels.length} labels from ${result.questionsAnswered} answers; stopped: ${values.stopReason?.message}`);
}
