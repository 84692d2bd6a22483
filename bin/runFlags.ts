import { InvalidArgumentError, type Command } from "commander";
import { ConfigError, type FieldIssue } from "../tools/errors.js";
import { RunConfigSchema, type RunConfigInput } from "../runtime/config/runConfig.js";
import type { CriterionDefinition } from "../tools/stopping/criterion.js";
import { LEARNING_CRITERIA } from "../tools/stopping/registry.js";
import { choicesAt } from "./schemaChoices.js";

/**
 * A `run` flag and the run-config field it sets: one table for parsing, help and error messages.
 * The help lists the field's choices and default as the schema has them (`notes` say what a choice
 * means), so it cannot drift from what the parser accepts.
 */
interface ConfigFlag {
  readonly flags: string;
  readonly path: readonly string[];
  readonly description: string;
  readonly parse?: (value: string) => unknown;
  readonly notes?: Readonly<Record<string, string>>;
  /** When the default applies, if not always. */
  readonly defaultWhen?: string;
  /** A setting of an optional section (`biasAudit`) that another flag or the --config turns on: refused without it, never turning it on itself. */
  readonly within?: { readonly path: readonly string[]; readonly turnedOnBy: string };
}

export const integer = (value: string): number => {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError("not an integer.");
  return Number(value);
};
export const decimal = (value: string): number => {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) throw new InvalidArgumentError("not a number.");
  return number;
};

export const CONFIG_FLAGS: readonly ConfigFlag[] = [
  { flags: "--strategy <name>", path: ["strategy"], description: "query strategy" },
  { flags: "--batch-size <n>", path: ["batchSize"], description: "items queried per round", parse: integer },
  { flags: "--initial-size <n>", path: ["initial", "size"], description: "size of the cold-start batch", parse: integer },
  { flags: "--initial-strategy <name>", path: ["initial", "strategy"], description: "cold-start strategy" },
  { flags: "--seed <n>", path: ["seed"], description: "seed for every random choice", parse: integer },
  {
    flags: "--max-labels <n>",
    path: ["stopping", "maxLabels"],
    description: "stop at this many labels",
    parse: integer,
    defaultWhen: "when no other stopping rule is given",
  },
  { flags: "--max-usd <usd>", path: ["stopping", "maxUsd"], description: "stop before spending more than this", parse: decimal },
  { flags: "--max-rounds <n>", path: ["stopping", "maxRounds"], description: "stop after this many query rounds", parse: integer },
  ...criterionFlags(),
  {
    flags: "--stop-combine <mode>",
    path: ["stopping", "combine"],
    description: "how learning criteria combine",
    notes: { any: "stop when one fires", all: "when every one does" },
  },
  { flags: "--stop-set-size <n>", path: ["stopping", "stopSet", "size"], description: "pool items on which successive models are compared", parse: integer },
  { flags: "--fee-usd <usd>", path: ["annotator", "feeUsd"], description: "human fee per label", parse: decimal },
  { flags: "--noise-rate <rate>", path: ["annotator", "noiseRate"], description: "share of wrong answers from the simulated annotator", parse: decimal },
  { flags: "--model <kind>", path: ["model", "kind"], description: "target model: softmax, svm, prototype-svm, centroid, or one registered in code" },
  {
    flags: "--features <kind>",
    path: ["representation", "features"],
    description: "what the target model reads and the vector strategies measure distance in",
    notes: {
      tfidf: "TF-IDF",
      lsa: "latent semantic analysis of the pool's TF-IDF (--lsa-dim dimensions)",
      "tfidf+lsa": "TF-IDF and its LSA side by side",
      embeddings: "sentence embeddings, from the model --embeddings names",
      both: "TF-IDF and sentence embeddings side by side",
    },
  },
  { flags: "--lsa-dim <n>", path: ["representation", "lsaDim"], description: "latent dimensions of LSA features", parse: integer },
  {
    flags: "--embeddings <name>",
    path: ["representation", "embeddings"],
    description: "sentence-embedding model: an installed one (scripts/install-models.sh) or a registered Embeddings",
  },
  { flags: "--C <c>", path: ["model", "C"], description: "inverse L2 strength of the target model (default: the model's own)", parse: decimal },
  {
    flags: "--annotator <kind>",
    path: ["annotator", "kind"],
    description: "who labels",
    notes: {
      oracle: "a simulated human answering from the gold labels",
      llm: "an LLM",
      human: "people, at the terminal",
      committee: "a committee of LLMs, members in --config",
    },
  },
  {
    flags: "--llm-provider <name>",
    path: ["annotator", "llm", "provider"],
    description: "where the LLM runs",
    notes: {
      simulated: "offline",
      openai: "OpenAI or any compatible server",
      custom: "a chat model registered in code",
      "llama-cpp": "a GGUF model in this process (--llm-model: an installed model, a .gguf file or an hf: reference)",
    },
  },
  { flags: "--llm-model <name>", path: ["annotator", "llm", "model"], description: "model name, priced from the price table (default gpt-4o-mini)" },
  {
    flags: "--llm-base-url <url>",
    path: ["annotator", "llm", "baseUrl"],
    description: "OpenAI-compatible server (vLLM, Ollama, llama.cpp); the key comes from OPENAI_API_KEY",
  },
  { flags: "--llm-concurrency <n>", path: ["annotator", "llm", "concurrency"], description: "LLM calls in flight at once", parse: integer },
  {
    flags: "--review-above <confidence>",
    path: ["annotator", "review", "acceptAbove"],
    description: "hybrid annotation: people review the LLM's labels below this confidence",
    parse: decimal,
  },
  {
    flags: "--human-fee-usd <usd>",
    path: ["annotator", "review", "humanFeeUsd"],
    description: "hybrid annotation: what one human label costs",
    parse: decimal,
  },
  {
    flags: "--route <kind>",
    path: ["annotator", "route"],
    description: "how hybrid annotation decides who labels an item",
    notes: {
      thresholds: "by the LLM's confidence against --review-above",
      value: "by the value of a right label against its price, from each LLM's calibration learned online",
    },
  },
  {
    flags: "--label-value-usd <usd>",
    path: ["annotator", "value", "labelValueUsd"],
    description: 'route "value": what one label going from wrong to right is worth',
    parse: decimal,
  },
  {
    flags: "--target-accuracy <share>",
    path: ["annotator", "value", "targetAccuracy"],
    description: 'route "value": the share of right labels each wave must reach, bought as cheaply as it can be',
    parse: decimal,
  },
  { flags: "--items-per-call <n>", path: ["annotator", "itemsPerCall"], description: "items labeled per LLM call", parse: integer },
  { flags: "--confidence <method>", path: ["annotator", "confidence"], description: "how an LLM label's confidence is measured" },
  {
    flags: "--generation-ratio <r>",
    path: ["generation", "ratio"],
    description: "share of query rounds that generate new items with an LLM (0 to 1)",
    parse: decimal,
  },
  { flags: "--task <text>", path: ["task", "description"], description: "one sentence on the labeling task, for LLM prompts" },
  { flags: "--llm-cache <path>", path: ["llmCache"], description: 'SQLite file for LLM responses, or "off"' },
  {
    flags: "--ensemble-size <n>",
    path: ["ensemble", "size"],
    description: "bootstrapped target models whose disagreement vote-entropy, consensus-entropy, kl-consensus and bald measure",
    parse: integer,
  },
  { flags: "--vector-dim <n>", path: ["vectors", "dim"], description: "dimension of the pool vectors (random projection of TF-IDF)", parse: integer },
  { flags: "--index <kind>", path: ["index", "kind"], description: "k-NN index over the pool vectors" },
  ...biasAuditFlags(),
];

/** Bias discovery (CAL): `--bias-audit-every` turns the audit on; its other flags tune it. */
function biasAuditFlags(): ConfigFlag[] {
  const within = { path: ["biasAudit"], turnedOnBy: "--bias-audit-every" };
  const on = "when the audit is on";
  const flag = (flags: string, path: string[], description: string, parse?: ConfigFlag["parse"], notes?: ConfigFlag["notes"]): ConfigFlag => ({
    flags,
    path: ["biasAudit", ...path],
    description: `bias audit: ${description}`,
    within,
    defaultWhen: on,
    ...(parse ? { parse } : {}),
    ...(notes ? { notes } : {}),
  });
  return [
    {
      flags: "--bias-audit-every <rounds>",
      path: ["biasAudit", "every"],
      description: "bias discovery (CAL): audit the labels for spurious patterns after every this many query rounds (turns the audit on)",
      parse: integer,
    },
    flag("--bias-audit-clusters <n>", ["clusters"], "density clusters the auditing LLM is shown", integer),
    flag("--bias-audit-max-relabel <n>", ["maxRelabel"], "items one audit may send back for relabeling, at most", integer),
    flag("--bias-audit-relabel-by <who>", ["relabelBy"], "who relabels the items it flags", undefined, {
      llm: "the auditing LLM",
      human: "people, at --bias-audit-fee-usd a label",
    }),
    flag("--bias-audit-fee-usd <usd>", ["humanFeeUsd"], "what one relabel by people costs", decimal),
    flag("--bias-audit-provider <name>", ["llm", "provider"], "where the auditing LLM runs (as --llm-provider)"),
    flag("--bias-audit-model <name>", ["llm", "model"], "the auditing LLM, priced from the price table"),
  ];
}

/** Flags that set a stopping rule on their own (a run with one needs no other). */
const STOPPING_FLAGS = [
  "--max-labels",
  "--max-usd",
  "--max-rounds",
  ...(LEARNING_CRITERIA as readonly CriterionDefinition[]).flatMap((criterion) =>
    (criterion.flags ?? []).filter((flag) => flag.turnsOn).map((flag) => flag.flags.split(" ")[0]),
  ),
];

/** The flags each learning criterion declares, as run flags. */
function criterionFlags(): ConfigFlag[] {
  const parsers = { integer, decimal, text: undefined };
  return (LEARNING_CRITERIA as readonly CriterionDefinition[]).flatMap((criterion) =>
    (criterion.flags ?? []).map((flag) => ({
      flags: flag.flags,
      path: ["stopping", criterion.name, flag.setting],
      description: flag.description,
      ...(parsers[flag.parse] ? { parse: parsers[flag.parse] } : {}),
    })),
  );
}
export const DEFAULT_MAX_LABELS = 100;

/** Commander's key for a flag: `--batch-size <n>` → `batchSize`. */
export const keyOf = (flags: string): string =>
  flags
    .split(" ")[0]
    .replace(/^--/, "")
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The defaults: the config a run gets from no flag at all, so the help text cannot drift from it. */
const DEFAULTS = RunConfigSchema.parse(withDefaultStopping({ dataset: { builtin: "spamassassin" } }, {}));
/** The defaults of the optional sections flags turn on (the bias audit), as they are once on. */
const SECTION_DEFAULTS = RunConfigSchema.parse(withDefaultStopping({ dataset: { builtin: "spamassassin" }, biasAudit: {} }, {}));

/** A flag's help: what it does, its choices (from the schema) and its default. */
export function flagHelp(flag: ConfigFlag): string {
  const choices = choicesAt(RunConfigSchema, flag.path);
  const listed = choices ? `: ${choices.map((choice) => (flag.notes?.[choice] ? `${choice} (${flag.notes[choice]})` : choice)).join(", ")}` : "";
  const fallback = getPath(flag.within ? SECTION_DEFAULTS : DEFAULTS, flag.path);
  return `${flag.description}${listed}${fallback === undefined ? "" : ` (default: ${fallback}${flag.defaultWhen ? ` ${flag.defaultWhen}` : ""})`}`;
}

export function addConfigFlags(command: Command): Command {
  for (const flag of CONFIG_FLAGS) {
    if (flag.parse) command.option(flag.flags, flagHelp(flag), flag.parse);
    else command.option(flag.flags, flagHelp(flag));
  }
  return command;
}

/**
 * The run config the flags describe, over `base` (a --config file, or nothing). Without any
 * stopping flag or config, a run stops at DEFAULT_MAX_LABELS labels.
 */
export function configFromFlags(command: Command, base: Record<string, unknown>, dataset: unknown): RunConfigInput {
  const config = structuredClone(base) as Record<string, unknown>;
  if (dataset !== undefined) config.dataset = dataset;
  const options = command.opts();
  // Flags that turn a section on first, so its settings can tell whether it is on.
  for (const flag of [...CONFIG_FLAGS].sort((a, b) => Number(a.within !== undefined) - Number(b.within !== undefined))) {
    const value = options[keyOf(flag.flags)];
    if (value === undefined) continue;
    if (flag.within && getPath(config, flag.within.path) === undefined) {
      throw new ConfigError(`${flag.flags.split(" ")[0]}: needs ${flag.within.turnedOnBy} (or ${flag.within.path.join(".")} in --config) to turn it on`);
    }
    setPath(config, flag.path, value);
  }
  return withDefaultStopping(config, options) as RunConfigInput;
}

/** A config without any stopping rule (from `options` or already in it) stops at DEFAULT_MAX_LABELS labels. */
function withDefaultStopping(config: Record<string, unknown>, options: Record<string, unknown>): Record<string, unknown> {
  // Settings of the stopping rules (how to combine them, the stop set) are not rules themselves.
  const stopping = (config.stopping ?? {}) as Record<string, unknown>;
  const anyStopping =
    STOPPING_FLAGS.some((flag) => options[keyOf(flag)] !== undefined) || Object.keys(stopping).some((key) => key !== "combine" && key !== "stopSet");
  if (!anyStopping) setPath(config, ["stopping", "maxLabels"], DEFAULT_MAX_LABELS);
  return config;
}

/** Names the flag behind a config issue, so `--batch-size 0` is reported as `--batch-size`, not `batchSize`. */
export function describeIssue(issue: FieldIssue): string {
  const path = issue.path.map(String);
  const flag = CONFIG_FLAGS.find((candidate) => candidate.path.join(".") === path.join("."));
  if (flag) return `${flag.flags.split(" ")[0]}: ${issue.message}`;
  if (path[0] === "dataset") return `--dataset: ${issue.message}`;
  return path.length > 0 ? `${path.join(".")}: ${issue.message}` : issue.message;
}

export function getPath(object: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), object);
}

export function setPath(object: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = object;
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== "object") node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
