import type { Command } from "commander";
import { DistillConfigSchema, type DistillConfigInput } from "../../runtime/config/distillConfig.js";
import type { FieldIssue } from "../../tools/errors.js";
import { decimal, getPath, integer, keyOf, setPath } from "../runFlags.js";

/** A `distill` flag and the config field it sets: one table for parsing, help and error messages. */
interface DistillFlag {
  readonly flags: string;
  readonly path: readonly string[];
  readonly description: string;
  readonly parse?: (value: string) => unknown;
}

export const DISTILL_FLAGS: readonly DistillFlag[] = [
  {
    flags: "--method <name>",
    path: ["method"],
    description: "active (the student picks what the teacher labels) or freeal (the student filters and sends back)",
  },
  {
    flags: "--max-teacher-labels <n>",
    path: ["budget", "maxTeacherLabels"],
    description: "items the teacher may be asked about, relabels included",
    parse: integer,
  },
  { flags: "--max-usd <usd>", path: ["budget", "maxUsd"], description: "the teacher's USD budget", parse: decimal },
  {
    flags: "--teacher-provider <name>",
    path: ["teacher", "llm", "provider"],
    description:
      "simulated (offline), openai (or any compatible server), llama-cpp (a local GGUF model in this process: --teacher-model an installed model, a .gguf file or an hf: reference), or custom (a chat model registered in code: registerChatModel)",
  },
  { flags: "--teacher-model <name>", path: ["teacher", "llm", "model"], description: "the teacher model, priced from the price table" },
  { flags: "--teacher-base-url <url>", path: ["teacher", "llm", "baseUrl"], description: "OpenAI-compatible server; the key comes from OPENAI_API_KEY" },
  { flags: "--teacher-concurrency <n>", path: ["teacher", "llm", "concurrency"], description: "teacher calls in flight at once", parse: integer },
  { flags: "--items-per-call <n>", path: ["teacher", "itemsPerCall"], description: "items per teacher call", parse: integer },
  { flags: "--demonstrations <k>", path: ["teacher", "demonstrations"], description: "k-NN labeled examples in each teacher prompt", parse: integer },
  { flags: "--strategy <name>", path: ["active", "strategy"], description: "active: the student's query method (random is plain teacher labeling)" },
  { flags: "--initial-size <n>", path: ["active", "initialSize"], description: "active: the first, random batch", parse: integer },
  { flags: "--batch-size <n>", path: ["active", "batchSize"], description: "active: items the student picks a round", parse: integer },
  {
    flags: "--annotate <n>",
    path: ["freeal", "annotate"],
    description: "freeal: pool items the teacher labels first (default: what the budget leaves room for)",
    parse: integer,
  },
  { flags: "--rounds <n>", path: ["freeal", "rounds"], description: "freeal: rounds of filtering and relabeling", parse: integer },
  {
    flags: "--clean-share <share>",
    path: ["freeal", "cleanShare"],
    description: "freeal: per class, the share of smallest-loss labels kept as clean",
    parse: decimal,
  },
  { flags: "--loss-folds <n>", path: ["freeal", "lossFolds"], description: "freeal: folds for out-of-fold losses (1: training loss)", parse: integer },
  { flags: "--task <text>", path: ["task", "description"], description: "one sentence on the labeling task, for the teacher's prompts" },
  { flags: "--seed <n>", path: ["seed"], description: "seed for every random choice", parse: integer },
  { flags: "--C <c>", path: ["student", "C"], description: "inverse L2 strength of the student (the target model)", parse: decimal },
  { flags: "--llm-cache <path>", path: ["llmCache"], description: 'SQLite file for teacher responses, or "off"' },
];

/** The defaults, read off the schema so the help cannot drift from them. */
const DEFAULTS = DistillConfigSchema.parse({ dataset: { builtin: "spamassassin" }, budget: { maxTeacherLabels: 1 } });

export function addDistillFlags(command: Command): Command {
  for (const flag of DISTILL_FLAGS) {
    const fallback = flag.path[0] === "budget" ? undefined : getPath(DEFAULTS, flag.path);
    const description = fallback === undefined || fallback === "" ? flag.description : `${flag.description} (default: ${fallback})`;
    if (flag.parse) command.option(flag.flags, description, flag.parse);
    else command.option(flag.flags, description);
  }
  return command;
}

/** Whether any flag that describes the distillation itself was given. */
export function anyDistillFlag(command: Command): boolean {
  return DISTILL_FLAGS.some((flag) => command.getOptionValueSource(keyOf(flag.flags)) === "cli");
}

/** The config the flags describe, over `base` (a --config file, or nothing). */
export function distillConfigFromFlags(command: Command, base: Record<string, unknown>, dataset: unknown): DistillConfigInput {
  const config = structuredClone(base);
  if (dataset !== undefined) config.dataset = dataset;
  const options = command.opts();
  for (const flag of DISTILL_FLAGS) {
    const value = options[keyOf(flag.flags)];
    if (value !== undefined) setPath(config, flag.path, value);
  }
  return config as DistillConfigInput;
}

/** Names the flag behind a config issue: `--clean-share: …`, not `freeal.cleanShare: …`. */
export function describeDistillIssue(issue: FieldIssue): string {
  const path = issue.path.map(String).join(".");
  const flag = DISTILL_FLAGS.find((candidate) => candidate.path.join(".") === path);
  if (flag) return `${flag.flags.split(" ")[0]}: ${issue.message}`;
  if (path.startsWith("dataset")) return `--dataset: ${issue.message}`;
  if (path === "budget") return "give --max-teacher-labels or --max-usd: without a budget the teacher would be asked about the whole pool";
  return path.length > 0 ? `${path}: ${issue.message}` : issue.message;
}
