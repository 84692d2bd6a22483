import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import pLimit from "p-limit";
import { z } from "zod";
import type { Demonstration } from "../../runtime/workspace/demonstrations.js";
import { addSpend, emptySpend, type Spend, SpendSchema } from "../../tools/cost/spend.js";
import { annotateWithLlm, type AnnotatorSettings, type LlmAnswer } from "../../tools/llm/annotator.js";
import { BudgetGuard } from "../../tools/llm/budgetGuard.js";
import type { LlmClient } from "../../tools/llm/llmClient.js";

/** One annotation run of the benchmark: who labeled which items how, and what it cost in money, tokens and time. */
export const AnnotationRunSchema = z.object({
  items: z.array(z.string()),
  answers: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      confidence: z.number().nullable(),
      method: z.enum(["logprobs", "self-consistency", "verbalized"]).nullable(),
    }),
  ),
  failures: z.array(z.object({ id: z.string(), reason: z.string() })),
  spend: SpendSchema,
  /** Wall-clock seconds of the whole run (the simulator's are not a model's time). */
  wallSeconds: z.number(),
});
export type AnnotationRun = z.infer<typeof AnnotationRunSchema> & { readonly byId: ReadonlyMap<string, LlmAnswer> };

/**
 * Labels `ids` in calls of `perCall` items, each call with its class-balanced k-NN demonstrations,
 * and keeps the run in `file` as soon as it is done: a rerun of the benchmark reads it back
 * instead of asking again (real models take hours here). Calls run `parallel` at a time: 1 for a
 * local model, so the samples of one prompt follow it and reuse what the model has read.
 */
export async function annotationRun(input: {
  file: string;
  client: LlmClient;
  ids: readonly string[];
  textOf: (id: string) => string;
  demonstrations: (calls: ReadonlyArray<readonly string[]>) => Demonstration[][];
  settings: AnnotatorSettings;
  perCall: number;
  parallel: number;
  log?: (line: string) => void;
}): Promise<AnnotationRun> {
  const { file, client, ids, perCall } = input;
  if (existsSync(file)) {
    const saved = AnnotationRunSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    if (JSON.stringify(saved.items) === JSON.stringify(ids)) return withIndex(saved);
  }
  const calls: string[][] = [];
  for (let i = 0; i < ids.length; i += perCall) calls.push(ids.slice(i, i + perCall));
  const demos = input.demonstrations(calls);
  const limit = pLimit(input.parallel);
  const started = performance.now();
  let done = 0;
  const outcomes = await Promise.all(
    calls.map((call, c) =>
      limit(async () => {
        const outcome = await annotateWithLlm(
          client,
          call.map((id) => ({ id, text: input.textOf(id) })),
          demos[c],
          input.settings,
          BudgetGuard.unlimited(),
        );
        done += call.length;
        if (input.log && (c + 1) % Math.max(1, Math.round(50 / perCall)) === 0)
          input.log(`  ${done}/${ids.length} labeled, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        return outcome;
      }),
    ),
  );
  const spend: Spend = emptySpend();
  for (const outcome of outcomes) addSpend(spend, outcome.spend);
  const run = {
    items: [...ids],
    answers: outcomes.flatMap((outcome) => outcome.answers).map(({ id, label, confidence, method }) => ({ id, label, confidence, method })),
    failures: outcomes.flatMap((outcome) => outcome.failures),
    spend,
    wallSeconds: (performance.now() - started) / 1000,
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(run));
  renameSync(`${file}.tmp`, file);
  return withIndex(run);
}

function withIndex(run: z.infer<typeof AnnotationRunSchema>): AnnotationRun {
  return { ...run, byId: new Map(run.answers.map((answer) => [answer.id, answer])) };
}
