import type { Command } from "commander";
import { PreferenceConfigSchema } from "../runtime/config/preferenceConfig.js";
import { PREFERENCE_STRATEGY_NAMES } from "../tools/preference/strategies.js";
import { llmsFromSpecs } from "./llmSpec.js";
import { addParadigmFlags, type ParadigmFlag } from "./paradigmFlags.js";
import { decimal, integer } from "./runFlags.js";
import { annotator, type ParadigmOptions } from "./sftOptions.js";

/** The flags of `activegraph preference` and the config fields they set. */
export const PREFERENCE_FLAGS: readonly ParadigmFlag[] = [
  { flags: "--max-items <n>", path: ["source", "maxItems"], description: "a seeded sample of this many prompts of the pool", parse: integer },
  { flags: "--strategy <name>", path: ["strategy"], description: `how pairs are chosen: ${PREFERENCE_STRATEGY_NAMES.join(", ")}` },
  { flags: "--initial-size <n>", path: ["initialSize"], description: "pairs of the first round, drawn at random", parse: integer },
  { flags: "--batch-size <n>", path: ["batchSize"], description: "pairs labeled a round", parse: integer },
  {
    flags: "--generators <llms>",
    path: ["candidates", "generators"],
    description: "who writes candidate responses, comma-separated: simulated:<model>, openai:<model> or local:<gguf name>",
    parse: llmsFromSpecs,
  },
  { flags: "--samples <n>", path: ["candidates", "samples"], description: "responses per generator and prompt", parse: integer },
  { flags: "--pairs-per-prompt <n>", path: ["candidates", "pairsPerPrompt"], description: "pairs made of one prompt's responses", parse: integer },
  { flags: "--committee <llms>", path: ["committee", "members"], description: "the judges of the committee strategy, comma-separated", parse: llmsFromSpecs },
  { flags: "--annotator <who>", path: ["annotator"], description: "who answers: oracle, human or an LLM judge (provider:model)", parse: annotator },
  { flags: "--held-out <n>", path: ["evaluation", "size"], description: "test-split prompts whose pairs measure the reward model", parse: integer },
  { flags: "--held-out-file <file>", path: ["evaluation", "file"], description: "or a JSONL file of {prompt, chosen, rejected}" },
  { flags: "--seed <n>", path: ["seed"], description: "seed for every random choice", parse: integer },
  { flags: "--max-labels <n>", path: ["stopping", "maxLabels"], description: "stop at this many preference labels", parse: integer },
  { flags: "--max-usd <usd>", path: ["stopping", "maxUsd"], description: "stop before spending more than this", parse: decimal },
  { flags: "--max-rounds <n>", path: ["stopping", "maxRounds"], description: "stop after this many rounds", parse: integer },
  { flags: "--llm-cache <path>", path: ["llmCache"], description: 'SQLite file for LLM responses, or "off"' },
];

/** `activegraph preference`, its help generated from PREFERENCE_FLAGS. */
export function addPreferenceCommand(program: Command): void {
  const command = program
    .command("preference")
    .description("active preference: choose which pairs of candidate responses get a preference label, train a reward model, and write DPO pairs")
    .option("--dataset <name|path>", "prompts made from a labeled dataset (its texts, asked the instruction question)")
    .option("--test <path>", "the dataset's test split (its prompts give the held-out pairs)")
    .option("--prompts <file>", "or a JSONL file of {prompt} or {prompt, responses}");
  addParadigmFlags(command, PREFERENCE_FLAGS, PreferenceConfigSchema.parse({ source: { file: "x" } }))
    .option("--config <file>", "the config as JSON (flags override it)")
    .option("--out <dir>", "output folder: checkpoints.sqlite, <thread>.preference.json, <thread>.dpo.jsonl", "runs")
    .option("--thread <id>", "thread to start, or to resume (after a crash, or with --answer)")
    .option("--checkpointer <where>", "SQLite file, memory, or postgres://… (default: <out>/checkpoints.sqlite)")
    .option("--answer <file>", "people's answer (JSON) to the comparisons the thread waits on")
    .option("--quiet", "no progress output")
    // Loaded when used: the graph and its writers need not slow every other command's start.
    .action(async (options: ParadigmOptions, cmd: Command) => (await import("./preferenceCommand.js")).preferenceCommand(options, cmd));
}
