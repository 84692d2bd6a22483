import { z } from "zod";
import { addSpend, emptySpend, type Spend } from "../cost/spend.js";
import { formatZodIssues } from "../errors.js";
import { BudgetExhaustedError, type BudgetGuard } from "./budgetGuard.js";
import { fitToContext } from "./contextFit.js";
import { paidCall } from "./paidCall.js";
import { annotationGrammar } from "./providers/replyGrammars.js";
import { labelProbability, selfConsistency, type ConfidenceMethod } from "./confidence.js";
import { acceptsGrammar, type LlmCallResult, type LlmClient } from "./llmClient.js";
import { LlmFatalError } from "./llmCallError.js";
import { annotationPrompt, AnnotationReplySchema, type ChatTurn } from "./prompts/annotatePrompt.js";
import { extractJson } from "./prompts/delimit.js";

export const ConfidenceSettingSchema = z.enum(["auto", "logprobs", "self-consistency", "verbalized"]);

export interface AnnotatorSettings {
  readonly instructions: string;
  readonly labels: readonly string[];
  readonly labelDescriptions?: Readonly<Record<string, string>>;
  /** auto: token logprobs when the provider returns them, else the model's verbalized confidence. */
  readonly confidence: z.infer<typeof ConfidenceSettingSchema>;
  /** Samples per item for self-consistency. */
  readonly samples: number;
  /** Reason step by step before each label; the reasoning is kept with the label. */
  readonly chainOfThought?: boolean;
  /** Beyond-Labels: show each demonstration's reason (a person's comment, an LLM's rationale) with its label. */
  readonly explanations?: boolean;
}

export interface LlmAnswer {
  readonly id: string;
  readonly label: string;
  readonly confidence: number | null;
  readonly method: ConfidenceMethod | null;
  /** The model's chain of thought, when asked for. */
  readonly rationale?: string;
}

export interface AnnotationOutcome {
  readonly answers: LlmAnswer[];
  /** Items the LLM could not label validly, even after a second try, with the reason. */
  readonly failures: Array<{ id: string; reason: string }>;
  /** Items not asked about because the budget could not pay for the call. */
  readonly unpaid: string[];
  readonly spend: Spend;
}

interface Parsed {
  readonly valid: Map<string, { label: string; confidence?: number; reasoning?: string; index: number }>;
  readonly problems: Map<string, string>;
}

/**
 * Labels `items` with one LLM call (LLMaAA-style: instructions, label descriptions and k-NN
 * demonstrations), checking every answer: a label outside the set, a missing or duplicate answer,
 * or a reply that is not the JSON asked for is a failure, never a label. Items that fail are asked
 * once more on their own; what fails twice is reported, not dropped.
 */
export async function annotateWithLlm(
  client: LlmClient,
  items: ReadonlyArray<{ id: string; text: string }>,
  demonstrations: ReadonlyArray<{ text: string; label: string; reason?: string }>,
  settings: AnnotatorSettings,
  guard: BudgetGuard,
): Promise<AnnotationOutcome> {
  const askConfidence = asksVerbalized(client, settings);
  // A call whose prompt would not fit the model's context is split; an item that cannot fit alone is refused.
  const fitted = await fitToContext(client, items, demonstrations.length, (part, keep) =>
    promptFor(settings, demonstrations.slice(0, keep), part, askConfidence),
  );
  const outcomes = await Promise.all(fitted.calls.map((call) => annotateCall(client, call.items, demonstrations.slice(0, call.extras), settings, guard)));
  const spend = emptySpend();
  for (const outcome of outcomes) addSpend(spend, outcome.spend);
  return {
    answers: outcomes.flatMap((outcome) => outcome.answers),
    failures: [...fitted.tooLong.map(({ item, reason }) => ({ id: item.id, reason })), ...outcomes.flatMap((outcome) => outcome.failures)],
    unpaid: outcomes.flatMap((outcome) => outcome.unpaid),
    spend,
  };
}

/** One call (and one retry of what failed in it). */
async function annotateCall(
  client: LlmClient,
  items: ReadonlyArray<{ id: string; text: string }>,
  demonstrations: ReadonlyArray<{ text: string; label: string; reason?: string }>,
  settings: AnnotatorSettings,
  guard: BudgetGuard,
): Promise<AnnotationOutcome> {
  const spend = emptySpend();
  const answers: LlmAnswer[] = [];
  const failures: Array<{ id: string; reason: string }> = [];
  const unpaid: string[] = [];
  const askConfidence = asksVerbalized(client, settings);

  let pending = [...items];
  for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
    const turns = promptFor(settings, demonstrations, pending, askConfidence);
    let result: LlmCallResult;
    try {
      result = await paidCall(client, turns, guard, spend, {
        accept: (content) => parseReply(content, pending.length, settings.labels).problems.size === 0,
        grammar: grammarFor(settings, pending.length, askConfidence),
      });
    } catch (error) {
      if (error instanceof LlmFatalError) throw error;
      if (error instanceof BudgetExhaustedError) unpaid.push(...pending.map((item) => item.id));
      // The client has already retried what may pass, and redacted the message.
      else failures.push(...pending.map((item) => ({ id: item.id, reason: `call failed: ${(error as Error).message.split("\n")[0]}` })));
      return { answers, failures, unpaid, spend };
    }
    const parsed = parseReply(result.content, pending.length, settings.labels);
    const next: typeof pending = [];
    pending.forEach((item, i) => {
      const answer = parsed.valid.get(String(i + 1));
      if (!answer) {
        if (attempt === 1) failures.push({ id: item.id, reason: parsed.problems.get(String(i + 1)) ?? "no answer" });
        else next.push(item);
        return;
      }
      const fromLogprobs = settings.confidence !== "verbalized" ? labelProbability(result.content, result.logprobs, answer.index) : null;
      const method: ConfidenceMethod | null = fromLogprobs !== null ? "logprobs" : answer.confidence !== undefined && askConfidence ? "verbalized" : null;
      answers.push({
        id: item.id,
        label: answer.label,
        confidence: fromLogprobs ?? answer.confidence ?? null,
        method,
        ...(answer.reasoning ? { rationale: answer.reasoning } : {}),
      });
    });
    pending = next;
  }

  if (settings.confidence === "self-consistency" && answers.length > 0) {
    return { answers: await selfConsistent(client, items, answers, demonstrations, settings, guard, spend), failures, unpaid, spend };
  }
  return { answers, failures, unpaid, spend };
}

/** Asks n − 1 more samples per item (distinct seeds, temperature ≥ 0.7) and votes. */
async function selfConsistent(
  client: LlmClient,
  items: ReadonlyArray<{ id: string; text: string }>,
  first: LlmAnswer[],
  demonstrations: ReadonlyArray<{ text: string; label: string; reason?: string }>,
  settings: AnnotatorSettings,
  guard: BudgetGuard,
  spend: Spend,
): Promise<LlmAnswer[]> {
  const answered = items.filter((item) => first.some((answer) => answer.id === item.id));
  const votes = new Map(first.map((answer) => [answer.id, [answer.label]]));
  const turns = promptFor(settings, demonstrations, answered, false);
  const temperature = Math.max(client.config.temperature, 0.7);
  for (let seed = 1; seed < settings.samples; seed++) {
    try {
      const result = await paidCall(client, turns, guard, spend, { seed, temperature, grammar: grammarFor(settings, answered.length, false) });
      const parsed = parseReply(result.content, answered.length, settings.labels);
      answered.forEach((item, i) => {
        const answer = parsed.valid.get(String(i + 1));
        if (answer) votes.get(item.id)?.push(answer.label);
      });
    } catch (error) {
      if (error instanceof LlmFatalError) throw error;
      if (error instanceof BudgetExhaustedError) break;
      // A failed extra sample costs a vote, not the label.
    }
  }
  return answered.map((item) => {
    const vote = selfConsistency(votes.get(item.id) ?? []);
    const rationale = first.find((answer) => answer.id === item.id)?.rationale;
    return { id: item.id, label: vote!.label, confidence: vote!.confidence, method: "self-consistency" as const, ...(rationale ? { rationale } : {}) };
  });
}

/**
 * Whether the prompt asks for a verbalized confidence: for `verbalized`, and for `auto` unless the
 * model is known to return logprobs (a local model does; a provider may not, so auto asks too).
 */
function asksVerbalized(client: LlmClient, settings: AnnotatorSettings): boolean {
  return settings.confidence === "verbalized" || (settings.confidence === "auto" && !acceptsGrammar(client.chatModel));
}

/** The grammar of a reply for `count` items keyed "1".."count": labels of the set only. */
function grammarFor(settings: AnnotatorSettings, count: number, askConfidence: boolean) {
  return annotationGrammar({
    labels: settings.labels,
    itemKeys: Array.from({ length: count }, (_, i) => String(i + 1)),
    confidence: askConfidence,
    reasoning: settings.chainOfThought,
  });
}

/** The annotation prompt for `items`, keyed "1".."n" in their order. */
function promptFor(
  settings: AnnotatorSettings,
  demonstrations: ReadonlyArray<{ text: string; label: string; reason?: string }>,
  items: ReadonlyArray<{ text: string }>,
  askConfidence: boolean,
): ChatTurn[] {
  return annotationPrompt({
    instructions: settings.instructions,
    labels: settings.labels,
    labelDescriptions: settings.labelDescriptions,
    // Without explanations the prompt is the one it always was, byte for byte (cached replies stay valid).
    demonstrations: settings.explanations ? demonstrations : demonstrations.map(({ text, label }) => ({ text, label })),
    items: items.map((item, i) => ({ key: String(i + 1), text: item.text })),
    askConfidence,
    chainOfThought: settings.chainOfThought,
  });
}

/** Parses a reply for `count` items keyed "1".."count", sorting answers into valid ones and problems. */
export function parseReply(content: string, count: number, labels: readonly string[]): Parsed {
  const valid: Parsed["valid"] = new Map();
  const problems: Parsed["problems"] = new Map();
  const keys = Array.from({ length: count }, (_, i) => String(i + 1));
  let reply: z.infer<typeof AnnotationReplySchema>;
  try {
    const parsed = AnnotationReplySchema.safeParse(extractJson(content));
    if (!parsed.success) throw new SyntaxError(`reply out of schema (${formatZodIssues(parsed.error.issues)})`);
    reply = parsed.data;
  } catch (error) {
    for (const key of keys) problems.set(key, `malformed reply: ${(error as Error).message}`);
    return { valid, problems };
  }
  const known = new Set(labels);
  reply.answers.forEach((answer, index) => {
    if (!keys.includes(answer.id)) return;
    if (valid.has(answer.id) || problems.has(answer.id)) {
      valid.delete(answer.id);
      problems.set(answer.id, "answered twice");
    } else if (!known.has(answer.label)) {
      problems.set(answer.id, `label "${answer.label}" is not one of ${labels.join(", ")}`);
    } else {
      valid.set(answer.id, { label: answer.label, confidence: answer.confidence, reasoning: answer.reasoning, index });
    }
  });
  for (const key of keys) if (!valid.has(key) && !problems.has(key)) problems.set(key, "no answer for the item");
  return { valid, problems };
}
