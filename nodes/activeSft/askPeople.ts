import { z } from "zod";
import { askUntilAnswered, skippedItems } from "../people/askUntilAnswered.js";
import { checkSftAnswer, SFT_ANSWER_HELP, type SftRequest } from "../../tools/sft/humanResponse.js";
import { type SftExample, SftHumanItemSchema } from "../../tools/sft/sftRecords.js";
import type { SftUpdate } from "../../graphs/activeSft/state.js";

/** What one askPeople task is given (through Send): the prompts and the fee. */
export const SftPeopleTaskSchema = z.object({ round: z.number().int().min(0), feeUsd: z.number().min(0), items: z.array(SftHumanItemSchema).min(1) }).strict();
export type SftPeopleTask = z.infer<typeof SftPeopleTaskSchema>;

/**
 * Ask people to write the responses the model was unsure of, as askHuman asks for labels:
 * interrupt() first thing (a node re-runs from its top on resume, so nothing paid comes before
 * it), the answer checked, a wrong one refused with every fault named and nothing applied, and
 * asked again. Answers become examples (the fee booked with them), skipped prompts are recorded
 * as failed, and prompts left out stay in the queue.
 */
export async function askPeople(task: SftPeopleTask): Promise<SftUpdate> {
  const request: SftRequest = { kind: "activegraph.sft", round: task.round, items: task.items, answer: SFT_ANSWER_HELP };
  const answer = askUntilAnswered(request, (raw) => checkSftAnswer(raw, task.items));
  const byId = new Map(task.items.map((item) => [item.id, item]));
  const examples: SftExample[] = answer.responses.map(({ id, response, accepted, comment, annotator }) => {
    const item = byId.get(id)!;
    return {
      id,
      prompt: item.prompt,
      response,
      source: "human",
      costUsd: task.feeUsd,
      round: task.round,
      ...(item.suggestion ? { suggestion: item.suggestion.response, agreement: item.suggestion.agreement } : {}),
      ...(accepted ? { model: item.suggestion!.model } : {}),
      ...(comment ? { comment } : {}),
      ...(annotator ? { annotator } : {}),
    };
  });
  const failed = skippedItems(answer.skipped, task.round);
  return {
    examples,
    failed,
    humanQueue: { remove: [...examples.map((example) => example.id), ...failed.map((item) => item.id)] },
    ledger: examples.length > 0 ? [{ kind: "human", labels: examples.length, usd: examples.length * task.feeUsd }] : [],
  };
}

/** Where the answers of parallel askPeople tasks meet, so the run goes on once. */
export async function collectAnswers(): Promise<SftUpdate> {
  return {};
}
