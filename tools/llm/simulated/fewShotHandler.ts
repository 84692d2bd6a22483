import type { ChatTurn } from "../prompts/annotatePrompt.js";
import { FEW_SHOT_REPLY_PREFIX, fewShotAnswer, fewShotContinuation, parseFewShotPrompt } from "../prompts/fewShotPrompt.js";
import type { ScoreRequest, TextScores } from "../textScoring.js";
import { fewShotDistribution, UnigramModel } from "./fewShot.js";
import type { Teacher } from "./teacher.js";

type Reply = { content: string; tokens: Array<{ token: string; logprob: number }> };

/**
 * The simulated LLM as an in-context learner: answers few-shot prompts (generated, with the
 * label token's logprob) and scores them (every label's probability after the reply prefix), by
 * the model of simulated/fewShot.ts over its teacher's distribution; scores a text's words by a
 * unigram model of the reservoir the teacher learned from, for perplexity.
 */
export class SimulatedFewShot {
  private unigrams: UnigramModel | null = null;

  constructor(
    private readonly teacher: Teacher,
    /** The simulated model's own distribution for a text, in the teacher's label order. */
    private readonly answerDistribution: (text: string) => Float32Array,
  ) {}

  /** The reply to a few-shot prompt, the label picked by `choose` from the distribution; null for other prompts. */
  reply(turns: readonly ChatTurn[], choose: (probs: Float32Array) => number): Reply | null {
    const prompt = parseFewShotPrompt(turns);
    if (!prompt) return null;
    const probs = this.distribution(prompt);
    const choice = choose(probs);
    const label = prompt.labels[choice];
    const continuation = fewShotContinuation(label);
    return {
      content: fewShotAnswer(label),
      tokens: [
        { token: FEW_SHOT_REPLY_PREFIX, logprob: 0 },
        { token: continuation.slice(0, -2), logprob: Math.log(Math.max(probs[choice], 1e-9)) },
        { token: continuation.slice(-2), logprob: 0 },
      ],
    };
  }

  /** Scores without generating (tools/llm/textScoring.ts). Priced like a call: about four characters a token. */
  score(request: ScoreRequest): TextScores {
    if (request.kind === "text") {
      this.unigrams ??= new UnigramModel([...this.teacher.reservoir.values()].flat());
      return { logprobs: this.unigrams.logprobs(request.text), inputTokens: Math.ceil(request.text.length / 4) + 1 };
    }
    const prompt = request.replyPrefix === FEW_SHOT_REPLY_PREFIX ? parseFewShotPrompt(request.turns) : null;
    if (!prompt) throw new Error("the simulated model scores few-shot prompts only");
    const probs = this.distribution(prompt);
    const logprobs = request.continuations.map((continuation) => {
      const at = prompt.labels.findIndex((label) => fewShotContinuation(label) === continuation);
      return Math.log(Math.max(at >= 0 ? probs[at] : 0, 1e-9));
    });
    const characters = request.turns.reduce((sum, turn) => sum + turn.content.length, 0) + request.continuations.join("").length;
    return { logprobs, inputTokens: Math.ceil(characters / 4) + 4 * request.turns.length };
  }

  private distribution(prompt: NonNullable<ReturnType<typeof parseFewShotPrompt>>): Float32Array {
    const prior = this.answerDistribution(prompt.text);
    // The prompt lists the dataset's labels; the teacher may order them differently.
    const aligned = Float32Array.from(prompt.labels, (label) => prior[this.teacher.labels.indexOf(label)] ?? 0);
    return fewShotDistribution(aligned, prompt.labels, prompt.text, prompt.demonstrations);
  }
}
