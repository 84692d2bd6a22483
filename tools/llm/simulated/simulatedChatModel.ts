import { BaseChatModel, type BaseChatModelCallOptions, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { hashString, rngFor, type Rng } from "../../random.js";
import type { Simulation } from "../config.js";
import { parseAnnotationPrompt, type ChatTurn } from "../prompts/annotatePrompt.js";
import { parseGenerationPrompt } from "../prompts/generatePrompt.js";
import { parseVerificationPrompt } from "../prompts/verifyPrompt.js";
import { parseQualityPrompt } from "../prompts/qualityPrompt.js";
import { parseRankPrompt } from "../prompts/rankPrompt.js";
import { parsePairQualityPrompt } from "../prompts/pairQualityPrompt.js";
import { parsePreferencePrompt } from "../prompts/preferencePrompt.js";
import { parseRespondPrompt } from "../prompts/respondPrompt.js";
import { parseBiasAuditPrompt } from "../prompts/biasAuditPrompt.js";
import { auditBiases } from "./biasAudit.js";
import { argmax, sample, type SimulatedMind } from "./mind.js";
import { judgePairQuality } from "./pairQuality.js";
import { judgePreference } from "./preference.js";
import { simulateResponse } from "./respond.js";
import { sleep } from "../retry.js";
import type { ScoreRequest, TextScorer, TextScores } from "../textScoring.js";
import { SimulatedFewShot } from "./fewShotHandler.js";
import { withDemonstrations } from "./inContext.js";
import type { Teacher } from "./teacher.js";

export interface SimulatedCallOptions extends BaseChatModelCallOptions {
  /** Distinct seeds give distinct samples at temperature > 0 (as OpenAI's `seed`). */
  seed?: number;
  temperature?: number;
}

export interface SimulatedChatModelFields extends BaseChatModelParams {
  readonly teacher: Teacher;
  readonly simulation: Simulation;
  readonly seed?: number;
  readonly temperature?: number;
  readonly maxTokens?: number;
}

/** An HTTP-like failure, shaped as the OpenAI SDK's, so retries treat both alike. */
class SimulatedHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * activegraph's offline LLM: a real LangChain chat model that reads activegraph's own prompts and
 * answers them from a Teacher. It reports token usage like a provider (about four characters a
 * token), returns OpenAI-style logprobs for the label it gives, and on request is slow, fails,
 * rate-limits, replies with broken JSON or with labels outside the set. Answers are deterministic
 * for a prompt, temperature and seed; injected faults vary with the attempt, so a retry can pass.
 * Everything it produces is simulated and is reported as such.
 */
export class SimulatedChatModel extends BaseChatModel<SimulatedCallOptions> implements TextScorer {
  private readonly teacher: Teacher;
  private readonly simulation: Simulation;
  private readonly seed: number;
  private readonly temperature: number;
  private readonly maxTokens: number;
  private readonly attempts = new Map<string, number>();
  private readonly fewShot: SimulatedFewShot;

  constructor(fields: SimulatedChatModelFields) {
    super(fields);
    this.teacher = fields.teacher;
    this.simulation = fields.simulation;
    this.seed = fields.seed ?? 0;
    this.temperature = fields.temperature ?? 0;
    this.maxTokens = fields.maxTokens ?? 512;
    this.fewShot = new SimulatedFewShot(this.teacher, (text) => this.answerDistribution(text));
  }

  _llmType(): string {
    return "activegraph-simulated";
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const turns: ChatTurn[] = messages.map((message) => ({
      role: message._getType() === "system" ? "system" : "user",
      content: typeof message.content === "string" ? message.content : JSON.stringify(message.content),
    }));
    const promptHash = hashString(JSON.stringify(turns)).toString(16);
    const temperature = options.temperature ?? this.temperature;
    const sample = options.seed ?? 0;
    const attempt = this.attempts.get(`${promptHash}/${sample}`) ?? 0;
    this.attempts.set(`${promptHash}/${sample}`, attempt + 1);

    const { latencyMs, rateLimitRate, failureRate, malformedRate } = this.simulation;
    if (latencyMs > 0) await sleep(latencyMs, options.signal);
    const faults = rngFor(this.seed, "sim-fault", promptHash, sample, attempt);
    if (faults.next() < rateLimitRate) throw new SimulatedHttpError(429, "429 Rate limit reached (simulated)", { "retry-after": "0" });
    if (faults.next() < failureRate) throw new SimulatedHttpError(500, "500 Internal server error (simulated)");

    const rng = rngFor(this.seed, "sim-answer", promptHash, sample);
    let { content, tokens } = this.answer(turns, temperature, rng);
    if (faults.next() < malformedRate) {
      content = content.slice(0, Math.floor(content.length / 2));
      tokens = null;
    }
    const outputTokens = Math.min(this.maxTokens, Math.ceil(content.length / 4));
    content = content.slice(0, this.maxTokens * 4);
    const inputTokens = Math.ceil(turns.reduce((sum, turn) => sum + turn.content.length, 0) / 4) + 4 * turns.length;
    const message = new AIMessage({
      content,
      usage_metadata: { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
      response_metadata: { model_provider: "activegraph-simulated", ...(tokens ? { logprobs: { content: tokens } } : {}) },
    });
    return { generations: [{ text: content, message }], llmOutput: { tokenUsage: { promptTokens: inputTokens, completionTokens: outputTokens } } };
  }

  private answer(turns: ChatTurn[], temperature: number, rng: Rng): { content: string; tokens: Array<{ token: string; logprob: number }> | null } {
    const annotation = parseAnnotationPrompt(turns);
    if (annotation) return this.annotate(annotation, temperature, rng);
    const generation = parseGenerationPrompt(turns);
    if (generation) return { content: JSON.stringify({ texts: this.synthesize(generation.target, generation.count, rng) }), tokens: null };
    const ranking = parseRankPrompt(turns);
    if (ranking) {
      // The most informative, to this model, are the items it is least sure of.
      const order = ranking.items
        .map((item) => ({ key: item.key, entropy: entropy(this.answerDistribution(item.text)) }))
        .sort((a, b) => b.entropy - a.entropy);
      return { content: JSON.stringify({ ranking: order.slice(0, ranking.pick).map((entry) => entry.key) }), tokens: null };
    }
    const fewShot = this.fewShot.reply(turns, (probs) => (temperature === 0 ? argmax(probs) : sample(probs, temperature, rng)));
    if (fewShot) return fewShot;
    const quality = parseQualityPrompt(turns);
    if (quality) return this.judgeQuality(quality.items);
    const verification = parseVerificationPrompt(turns);
    if (verification) {
      const verdicts = verification.items.map((item) => {
        const label = this.teacher.labels[argmax(this.answerDistribution(item.text))];
        return { id: item.key, correct: label === item.proposed, label };
      });
      return { content: JSON.stringify({ verdicts }), tokens: null };
    }
    const respond = parseRespondPrompt(turns);
    if (respond) return simulateResponse(respond, this.mind(), temperature, rng);
    const pairQuality = parsePairQualityPrompt(turns);
    if (pairQuality) return judgePairQuality(pairQuality, this.mind());
    const preference = parsePreferencePrompt(turns);
    if (preference) return judgePreference(preference, this.mind(), temperature, rng);
    const audit = parseBiasAuditPrompt(turns);
    if (audit) return auditBiases(audit, this.mind());
    return { content: "I can only answer activegraph prompts.", tokens: null };
  }

  /** What the prompt handlers of other files see of this model. */
  private mind(): SimulatedMind {
    return { labels: this.teacher.labels, distribution: (text) => this.answerDistribution(text), reason: (text, label) => this.reason(text, label) };
  }

  /** Scores a few-shot prompt's labels, or a text's words (simulated/fewShotHandler.ts). */
  async scoreText(request: ScoreRequest): Promise<TextScores> {
    if (this.simulation.latencyMs > 0) await sleep(this.simulation.latencyMs);
    return this.fewShot.score(request);
  }

  /** Labels each item by the teacher: argmax at temperature 0, else a tempered sample. */
  private annotate(
    prompt: NonNullable<ReturnType<typeof parseAnnotationPrompt>>,
    temperature: number,
    rng: Rng,
  ): { content: string; tokens: Array<{ token: string; logprob: number }> } {
    const tokens: Array<{ token: string; logprob: number }> = [{ token: '{"answers":[', logprob: 0 }];
    prompt.items.forEach((item, i) => {
      const probs = withDemonstrations(this.answerDistribution(item.text), item.text, prompt.demonstrations, this.teacher, this.simulation.demonstrationWeight);
      const choice = temperature === 0 ? argmax(probs) : sample(probs, temperature, rng);
      let label = this.teacher.labels[choice];
      const p = probs[choice];
      if (rng.next() < this.simulation.offLabelRate) label = `${label} or something else`;
      // Verbalized confidence runs high, as LLMs' does: p^0.5 (0.64 → 0.8).
      const verbalized = prompt.askConfidence ? `,"confidence":${Math.min(0.99, Math.sqrt(p)).toFixed(2)}` : "";
      const reasoning = prompt.chainOfThought ? `"reasoning":${JSON.stringify(this.reason(item.text, this.teacher.labels[choice]))},` : "";
      tokens.push({ token: `${i > 0 ? "," : ""}{"id":${JSON.stringify(item.key)},${reasoning}"label":"`, logprob: 0 });
      tokens.push({ token: JSON.stringify(label).slice(1, -1), logprob: Math.log(Math.max(p, 1e-9)) });
      tokens.push({ token: `"${verbalized}}`, logprob: 0 });
    });
    tokens.push({ token: "]}", logprob: 0 });
    return { content: tokens.map((t) => t.token).join(""), tokens };
  }

  /** The model's distribution over the labels for a text: the teacher's, sharpened. */
  private answerDistribution(text: string): Float32Array {
    const probs = this.teacher.probabilities(text);
    const power = this.simulation.sharpness;
    if (power === 1) return probs;
    let sum = 0;
    const out = Float32Array.from(probs, (p) => {
      const v = p ** power;
      sum += v;
      return v;
    });
    for (let i = 0; i < out.length; i++) out[i] /= sum;
    return out;
  }

  /**
   * Ask-LLM quality: a text is useful when it clearly belongs to a class (the teacher's top
   * probability q); "yes" carries log q, "no" log(1 − q), so P(yes) is the score.
   */
  private judgeQuality(items: ReadonlyArray<{ key: string; text: string }>): { content: string; tokens: Array<{ token: string; logprob: number }> } {
    const tokens: Array<{ token: string; logprob: number }> = [{ token: '{"answers":[', logprob: 0 }];
    items.forEach((item, i) => {
      const probs = this.answerDistribution(item.text);
      const q = probs[argmax(probs)];
      const yes = q >= 0.5;
      tokens.push({ token: `${i > 0 ? "," : ""}{"id":${JSON.stringify(item.key)},"label":"`, logprob: 0 });
      tokens.push({ token: yes ? "yes" : "no", logprob: Math.log(Math.max(1e-9, yes ? q : 1 - q)) });
      tokens.push({ token: '"}', logprob: 0 });
    });
    tokens.push({ token: "]}", logprob: 0 });
    return { content: tokens.map((t) => t.token).join(""), tokens };
  }

  /** A short rationale from the words that speak most for the label. */
  private reason(text: string, label: string): string {
    const terms = this.teacher.keyTerms?.(text, label, 3) ?? [];
    return terms.length > 0
      ? `The text mentions ${terms.map((term) => `"${term}"`).join(", ")}, which point to ${label}.`
      : `Nothing in the text points clearly to one label; ${label} fits best.`;
  }

  /** Draws reservoir texts of the target class, and of another class at `offClassRate`. */
  private synthesize(target: string, count: number, rng: Rng): string[] {
    const others = this.teacher.labels.filter((label) => label !== target);
    return Array.from({ length: count }, () => {
      const label = others.length > 0 && rng.next() < this.simulation.offClassRate ? others[rng.int(others.length)] : target;
      const texts = this.teacher.reservoir.get(label) ?? [];
      return texts.length > 0 ? texts[rng.int(texts.length)] : `A text about ${label}.`;
    });
  }
}

function entropy(probs: Float32Array): number {
  let sum = 0;
  for (const p of probs) if (p > 0) sum -= p * Math.log(p);
  return sum;
}
