import type { Rng } from "../../random.js";
import type { parseRespondPrompt } from "../prompts/respondPrompt.js";
import { argmax, sample, type SimulatedMind, type SimulatedReply } from "./mind.js";

/**
 * A response to an instruction made from a labeled text: the label the model's distribution gives
 * (the most probable at temperature 0, a tempered draw above it, so samples agree where the model
 * is sure and scatter where it is not), a full stop, and a reason when asked for one. The label's
 * token carries its log-probability. Free prompts (no label set) it cannot answer.
 */
export function simulateResponse(
  prompt: NonNullable<ReturnType<typeof parseRespondPrompt>>,
  mind: SimulatedMind,
  temperature: number,
  rng: Rng,
): SimulatedReply {
  if (prompt.labels.length === 0) return { content: "I can only answer instructions made from a labeled dataset.", tokens: null };
  const text = prompt.input ?? prompt.instruction;
  const probs = mind.distribution(text);
  const choice = temperature === 0 ? argmax(probs) : sample(probs, temperature, rng);
  const label = mind.labels[choice];
  const tokens = [
    { token: label, logprob: Math.log(Math.max(probs[choice], 1e-9)) },
    { token: prompt.explain ? `. ${mind.reason(text, label)}` : ".", logprob: 0 },
  ];
  return { content: tokens.map((t) => t.token).join(""), tokens };
}
