import { answerOf } from "../instructions/answer.js";
import type { Choice } from "./preferenceRecords.js";

/**
 * The simulated person of preference benchmarks: prefers the response whose answer is right
 * against the gold answer; when both are right or both wrong there is nothing to prefer, a tie.
 * (Offline there are no people; this stands for one who checks answers.)
 */
export function goldPreference(a: string, b: string, gold: string, classes: readonly string[]): Choice {
  const truth = answerOf(gold, classes);
  const rightA = answerOf(a, classes) === truth;
  const rightB = answerOf(b, classes) === truth;
  return rightA === rightB ? "tie" : rightA ? "A" : "B";
}
