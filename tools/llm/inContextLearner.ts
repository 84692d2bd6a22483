import type { Spend } from "../cost/spend.js";
import type { BudgetGuard } from "./budgetGuard.js";
import { labelProbability } from "./confidence.js";
import type { LlmClient } from "./llmClient.js";
import { paidCall, paidScore } from "./paidCall.js";
import { parseJsonReply } from "./prompts/delimit.js";
import { FEW_SHOT_REPLY_PREFIX, fewShotContinuation, fewShotPrompt, FewShotReplySchema } from "./prompts/fewShotPrompt.js";
import { perplexityOf } from "./textScoring.js";

export interface InContextLearnerSettings {
  readonly instructions: string;
  readonly labels: readonly string[];
  readonly labelDescriptions?: Readonly<Record<string, string>>;
  /** `score`: the label continuations are scored; `generate`: the model writes its answer; `auto`: score where it can. */
  readonly inference: "auto" | "score" | "generate";
}

/** A few-shot answer: the label and the distribution over the labels (in their order). */
export type FewShotAnswer =
  | { readonly ok: true; readonly label: string; readonly probs: Float32Array; readonly method: "scored" | "generated" }
  | { readonly ok: false; readonly reason: string };

/**
 * The LLM of active in-context learning as the nodes use it: classifies a text given
 * demonstrations, and reads a text's perplexity, each a paid call reserved against `guard` and
 * booked in `spend`. Scored, the distribution is the model's probability of each label's tokens
 * after the prompt (renormalized over the labels); generated, the chosen label carries its
 * logprob's probability and the rest is spread evenly (its entropy then ranks items as least
 * confidence does), and a reply that is not the JSON asked for, or names no label of the set, is a
 * failure, never a label.
 */
export class InContextLearner {
  readonly method: "scored" | "generated";

  constructor(
    private readonly client: LlmClient,
    private readonly settings: InContextLearnerSettings,
    private readonly guard: BudgetGuard,
    readonly spend: Spend,
  ) {
    if (settings.inference === "score" && !client.scoresText) throw new Error(`${client.key} cannot score text: set inference to "generate" or "auto"`);
    this.method = settings.inference === "generate" || !client.scoresText ? "generated" : "scored";
  }

  async classify(demonstrations: ReadonlyArray<{ text: string; label: string }>, text: string, signal?: AbortSignal): Promise<FewShotAnswer> {
    const { labels } = this.settings;
    const turns = fewShotPrompt({ ...this.settings, demonstrations, text });
    if (this.method === "scored") {
      const request = { kind: "continuations", turns, replyPrefix: FEW_SHOT_REPLY_PREFIX, continuations: labels.map(fewShotContinuation) } as const;
      const { logprobs } = await paidScore(this.client, request, this.guard, this.spend, signal);
      const weights = logprobs.map((logprob) => Math.exp(logprob));
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      const probs = Float32Array.from(weights, (weight) => (total > 0 ? weight / total : 1 / labels.length));
      return { ok: true, label: labels[argmax(probs)], probs, method: "scored" };
    }
    const result = await paidCall(this.client, turns, this.guard, this.spend, { accept: (content) => answerOf(content, labels) !== null, signal });
    const label = answerOf(result.content, labels);
    if (label === null) return { ok: false, reason: `not one of the labels: ${result.content.slice(0, 80)}` };
    const p = labelProbability(result.content, result.logprobs, 0) ?? 1;
    const rest = labels.length > 1 ? (1 - p) / (labels.length - 1) : 0;
    return { ok: true, label, probs: Float32Array.from(labels, (other) => (other === label ? p : rest)), method: "generated" };
  }

  /** The model's perplexity of `text`. Only a model that scores text can read it. */
  async perplexity(text: string, signal?: AbortSignal): Promise<number> {
    if (!this.client.scoresText) throw new Error(`${this.client.key} cannot read a text's perplexity: it only generates`);
    const { logprobs } = await paidScore(this.client, { kind: "text", text }, this.guard, this.spend, signal);
    return perplexityOf(logprobs);
  }
}

function answerOf(content: string, labels: readonly string[]): string | null {
  const label = parseJsonReply(content, FewShotReplySchema)?.label;
  return label !== undefined && labels.includes(label) ? label : null;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
