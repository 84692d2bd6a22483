import type { Rng } from "../../random.js";
import { answerOf } from "../../instructions/answer.js";
import type { parsePreferencePrompt } from "../prompts/preferencePrompt.js";
import { inputOf, type SimulatedMind, type SimulatedReply } from "./mind.js";

/** What the model makes of a response that gives no label of the set. */
const NO_ANSWER = 0.02;

/**
 * A judge's preference between two responses: the model prefers the response whose answer it
 * believes more (pA and pB, its probabilities of their labels for the prompt's input), with
 * P(A) = pA / (pA + pB): the larger at temperature 0, a draw above it. The choice's token carries
 * log P(choice).
 */
export function judgePreference(
  prompt: NonNullable<ReturnType<typeof parsePreferencePrompt>>,
  mind: SimulatedMind,
  temperature: number,
  rng: Rng,
): SimulatedReply {
  const tokens: Array<{ token: string; logprob: number }> = [{ token: '{"answers":[', logprob: 0 }];
  prompt.items.forEach((item, i) => {
    const probs = mind.distribution(inputOf(item.prompt));
    const belief = (response: string) => {
      const answer = answerOf(response, mind.labels);
      return answer === null ? NO_ANSWER : Math.max(probs[mind.labels.indexOf(answer)], 1e-6);
    };
    const pA = belief(item.a) / (belief(item.a) + belief(item.b));
    const chooseA = temperature === 0 ? pA >= 0.5 : rng.next() < pA ** (1 / temperature) / (pA ** (1 / temperature) + (1 - pA) ** (1 / temperature));
    tokens.push({ token: `${i > 0 ? "," : ""}{"id":${JSON.stringify(item.key)},"label":"`, logprob: 0 });
    tokens.push({ token: chooseA ? "A" : "B", logprob: Math.log(Math.max(1e-9, chooseA ? pA : 1 - pA)) });
    tokens.push({ token: '"}', logprob: 0 });
  });
  tokens.push({ token: "]}", logprob: 0 });
  return { content: tokens.map((t) => t.token).join(""), tokens };
}
