import { answerOf } from "../../instructions/answer.js";
import type { parsePairQualityPrompt } from "../prompts/pairQualityPrompt.js";
import { inputOf, type SimulatedMind, type SimulatedReply } from "./mind.js";

/**
 * Ask-LLM on (prompt, response) pairs: a pair is good when the model believes its response's
 * answer (q, the model's probability of that label for the prompt's input; a response with no
 * label of the set is poor). "yes" carries log q, "no" log(1 − q), so P(yes) = q.
 */
export function judgePairQuality(prompt: NonNullable<ReturnType<typeof parsePairQualityPrompt>>, mind: SimulatedMind): SimulatedReply {
  const tokens: Array<{ token: string; logprob: number }> = [{ token: '{"answers":[', logprob: 0 }];
  prompt.items.forEach((item, i) => {
    const probs = mind.distribution(inputOf(item.prompt));
    const answer = answerOf(item.response, mind.labels);
    const q = answer === null ? 0.02 : probs[mind.labels.indexOf(answer)];
    const yes = q >= 0.5;
    tokens.push({ token: `${i > 0 ? "," : ""}{"id":${JSON.stringify(item.key)},"label":"`, logprob: 0 });
    tokens.push({ token: yes ? "yes" : "no", logprob: Math.log(Math.max(1e-9, yes ? q : 1 - q)) });
    tokens.push({ token: '"}', logprob: 0 });
  });
  tokens.push({ token: "]}", logprob: 0 });
  return { content: tokens.map((t) => t.token).join(""), tokens };
}
