import { type Command, InvalidArgumentError } from "commander";
import { IclConfigSchema } from "../runtime/config/iclConfig.js";
import { ICL_STRATEGY_NAMES } from "../tools/strategies/icl/registry.js";

/** An `icl` flag and the ICL-config field it sets: one table for parsing, help and error messages. */
interface IclFlag {
  readonly flags: string;
  readonly path: readonly string[];
  readonly description: string;
  readonly parse?: (value: string) => unknown;
}

const integer = (value: string): number => {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError("not an integer.");
  return Number(value);
};
const decimal = (value: string): number => {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) throw new InvalidArgumentError("not a number.");
  return number;
};

export const ICL_FLAGS: readonly IclFlag[] = [
  { flags: "--strategy <name>", path: ["strategy"], description: `how demonstrations are chosen: ${ICL_STRATEGY_NAMES.join(", ")}` },
  { flags: "--k <n>", path: ["k"], description: "demonstrations in each prompt", parse: integer },
  {
    flags: "--retrieval <mode>",
    path: ["retrieval"],
    description: "strategy (its own k; the nearest for similarity) or nearest (each input's k nearest labeled items)",
  },
  { flags: "--seed <n>", path: ["seed"], description: "seed for every random choice", parse: integer },
  { flags: "--max-labels <n>", path: ["budget", "maxLabels"], description: "labels at most (default: what the strategy needs)", parse: integer },
  { flags: "--max-usd <usd>", path: ["budget", "maxUsd"], description: "USD at most, labels and LLM calls together", parse: decimal },
  { flags: "--test-size <n>", path: ["evaluation", "testSize"], description: "test inputs the learner is evaluated on (a seeded sample)", parse: integer },
  { flags: "--wave <n>", path: ["evaluation", "wave"], description: "test inputs classified per checkpointed step", parse: integer },
  {
    flags: "--pool-sample <n>",
    path: ["scoring", "poolSample"],
    description: "pool items the learner scores for uncertainty, perplexity and vote-k",
    parse: integer,
  },
  { flags: "--inference <mode>", path: ["inference"], description: "auto, score (read every label's probability) or generate" },
  { flags: "--annotator <kind>", path: ["annotator", "kind"], description: "oracle (simulated human from gold labels), human (asked at the terminal) or llm" },
  { flags: "--fee-usd <usd>", path: ["annotator", "feeUsd"], description: "fee per label of the oracle or a person", parse: decimal },
  { flags: "--task <text>", path: ["task", "description"], description: "one sentence on the task, for every prompt" },
  { flags: "--llm-cache <path>", path: ["llmCache"], description: 'SQLite file for LLM responses and scores, or "off"' },
];

/** Commander's key for a flag: `--max-labels <n>` → `maxLabels`. */
export const keyOf = (flags: string): string =>
  flags
    .split(" ")[0]
    .replace(/^--/, "")
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const DEFAULTS = IclConfigSchema.parse({ dataset: { builtin: "spamassassin" } });

export function addIclFlags(command: Command): Command {
  for (const flag of ICL_FLAGS) {
    const fallback = flag.path.reduce<unknown>(
      (value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined),
      DEFAULTS,
    );
    const description = fallback === undefined ? flag.description : `${flag.description} (default: ${fallback})`;
    if (flag.parse) command.option(flag.flags, description, flag.parse);
    else command.option(flag.flags, description);
  }
  return command;
}

/** The flags the user gave, set into `config` (a --config file's content, or empty). */
export function applyIclFlags(command: Command, config: Record<string, unknown>): Record<string, unknown> {
  const options = command.opts();
  for (const flag of ICL_FLAGS) {
    const value = options[keyOf(flag.flags)];
    if (value === undefined) continue;
    let node = config;
    for (const key of flag.path.slice(0, -1)) {
      if (!node[key] || typeof node[key] !== "object") node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[flag.path[flag.path.length - 1]] = value;
  }
  return config;
}

/** The flag behind a config path, for one-line errors (`--k: …` rather than `k: …`). */
export function flagOf(path: readonly PropertyKey[]): string | undefined {
  return ICL_FLAGS.find((flag) => flag.path.join(".") === path.map(String).join("."))?.flags.split(" ")[0];
}
