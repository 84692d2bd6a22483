import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Reply } from "../loopbackOpenAi.js";
import { parseAnnotationPrompt } from "../../tools/llm/prompts/annotatePrompt.js";

/** The committed three-topic fixture (240 pool items, 90 test items), with stable ids. */
export const TRAIN = fileURLToPath(new URL("../../test/fixtures/topics.train.jsonl", import.meta.url));
export const TEST = fileURLToPath(new URL("../../test/fixtures/topics.test.jsonl", import.meta.url));

/** A run the harness kills and resumes: the options of `activegraph run` beyond where it lives. */
export interface Scenario {
  readonly name: string;
  readonly args: readonly string[];
  /** Graph nodes whose runs are kill points. */
  readonly nodes: readonly string[];
  /** The run calls LLMs: each thread gets a response cache (and spend journal) of its own. */
  readonly llm?: boolean;
  /** The LLM is ChatOpenAI against a loopback OpenAI-compatible server, one per thread (it counts what it bills). */
  readonly loopback?: boolean;
  /** People answer at the terminal: the harness types the gold labels. */
  readonly human?: boolean;
  /** The USD budget of the run, when it has one. */
  readonly maxUsd?: number;
}

const COMMON = ["--dataset", TRAIN, "--test", TEST, "--id-field", "id", "--strategy", "margin", "--quiet"];
const LOOP = ["initialize", "select", "train", "evaluate"];

export const SCENARIOS: readonly Scenario[] = [
  { name: "oracle", args: [...COMMON, "--batch-size", "10", "--max-labels", "50"], nodes: [...LOOP, "annotateOracle"] },
  { name: "llm-simulated", args: [...COMMON, "--annotator", "llm", "--batch-size", "10", "--max-labels", "40"], nodes: [...LOOP, "annotateLLM"], llm: true },
  {
    name: "llm-loopback",
    args: [...COMMON, "--annotator", "llm", "--llm-provider", "openai", "--llm-concurrency", "4", "--batch-size", "10", "--max-labels", "40", "--max-usd", "1"],
    nodes: [...LOOP, "annotateLLM"],
    llm: true,
    loopback: true,
    maxUsd: 1,
  },
  {
    // The budget binds: what a kill cost in calls cut off is money the run no longer has.
    name: "llm-budget",
    args: [...COMMON, "--annotator", "llm", "--llm-provider", "openai", "--llm-concurrency", "4", "--batch-size", "10", "--max-usd", "0.004"],
    nodes: [...LOOP, "annotateLLM"],
    llm: true,
    loopback: true,
    maxUsd: 0.004,
  },
  {
    name: "committee",
    args: [...COMMON, "--annotator", "committee", "--batch-size", "10", "--max-labels", "30"],
    nodes: [...LOOP, "annotateCommittee", "vote", "tally"],
    llm: true,
  },
  {
    name: "human",
    args: [...COMMON, "--annotator", "human", "--initial-size", "4", "--batch-size", "4", "--max-labels", "16"],
    nodes: [...LOOP, "askHuman", "collectAnswers"],
    human: true,
  },
];

/** Gold labels of the fixture, by id: what the harness types when it plays the person. */
export function goldLabels(): Map<string, string> {
  return new Map(
    readFileSync(TRAIN, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; label: string })
      .map((row) => [row.id, row.label]),
  );
}

const KEYWORDS: Array<[string, RegExp]> = [
  ["sport", /\b(goal|match|team|coach|score|league|player|stadium|referee|season|tennis|keeper|sprint|medal|race|trophy|pitch|fans|tackle|champion)\b/g],
  ["tech_", /\b(laptop|software|chip|update|server|cloud|battery|screen|app|code|network|robot|phone|data|browser|install|pixel|router|kernel|cable)\b/g],
  ["food_", /\b(bread|soup|recipe|oven|pasta|salad|cheese|garlic|bake|spicy|dessert|flour|kitchen|grill|taste|sauce|chef|meal|fruit|butter)\b/g],
];

/**
 * The loopback provider: labels each item by the topic whose words it holds most (ties: the first
 * listed), after `delayMs`, so answers are the same in every run and a wave's calls overlap.
 */
export function keywordAnswer(request: { messages: Array<{ role: string; content: string }> }, delayMs = 15): Reply {
  const prompt = parseAnnotationPrompt(request.messages.map((m) => ({ role: m.role as "system" | "user", content: m.content })));
  if (!prompt) return { kind: "status", status: 400, body: JSON.stringify({ error: { message: "not an annotation prompt" } }) };
  const label = (text: string) =>
    KEYWORDS.map(([name, words]) => [name, text.match(words)?.length ?? 0] as const).reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  return {
    kind: "ok",
    content: JSON.stringify({ answers: prompt.items.map((item) => ({ id: item.key, label: label(item.text), confidence: 0.9 })) }),
    delayMs,
  };
}
