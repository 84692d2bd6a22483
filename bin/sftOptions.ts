import type { Command } from "commander";
import { SftConfigSchema } from "../runtime/config/sftConfig.js";
import { SFT_STRATEGY_NAMES } from "../tools/sft/strategies.js";
import { llmFromSpec } from "./llmSpec.js";
import { addParadigmFlags, type ParadigmFlag } from "./paradigmFlags.js";
import { decimal, integer } from "./runFlags.js";

/** `none`, `oracle`, `human`, or an LLM as provider:model. */
export const annotator = (value: string) => (value.includes(":") ? { kind: "llm", llm: llmFromSpec(value) } : { kind: value });

/** The flags of `activegraph sft` and the config fields they set. */
export const SFT_FLAGS: readonly ParadigmFlag[] = [
  { flags: "--max-items <n>", path: ["source", "maxItems"], description: "a seeded sample of this many prompts of the pool", parse: integer },
  { flags: "--strategy <name>", path: ["strategy"], description: `how prompts are chosen: ${SFT_STRATEGY_NAMES.join(", ")}` },
  { flags: "--batch-size <n>", path: ["batchSize"], description: "examples chosen a round", parse: integer },
  { flags: "--shortlist-factor <n>", path: ["shortlistFactor"], description: "candidates scored a round, as a multiple of the batch", parse: integer },
  {
    flags: "--responder <llm>",
    path: ["responder", "llm"],
    description: "the model sampled for self-consistency: simulated:<model>, openai:<model> or local:<gguf name>",
    parse: llmFromSpec,
  },
  { flags: "--samples <n>", path: ["responder", "samples"], description: "responses sampled per prompt", parse: integer },
  {
    flags: "--annotator <who>",
    path: ["annotator"],
    description: "who writes the responses the model is unsure of: none, oracle, human or an LLM (provider:model)",
    parse: annotator,
  },
  {
    flags: "--min-agreement <share>",
    path: ["selfTraining", "minAgreement"],
    description: "self-training: keep the model's response when this share of its samples agree",
    parse: decimal,
  },
  { flags: "--seed <n>", path: ["seed"], description: "seed for every random choice", parse: integer },
  { flags: "--max-examples <n>", path: ["stopping", "maxExamples"], description: "stop at this many examples", parse: integer },
  { flags: "--max-usd <usd>", path: ["stopping", "maxUsd"], description: "stop before spending more than this", parse: decimal },
  { flags: "--max-rounds <n>", path: ["stopping", "maxRounds"], description: "stop after this many rounds", parse: integer },
  { flags: "--llm-cache <path>", path: ["llmCache"], description: 'SQLite file for LLM responses, or "off"' },
];

export interface ParadigmOptions {
  dataset?: string;
  test?: string;
  prompts?: string;
  config?: string;
  out: string;
  thread?: string;
  checkpointer?: string;
  answer?: string;
  quiet?: boolean;
}

/** `activegraph sft`, its help generated from SFT_FLAGS. */
export function addSftCommand(program: Command): void {
  const command = program
    .command("sft")
    .description(
      "active SFT: choose which prompts of a pool become fine-tuning examples, and write them as OpenAI chat JSONL and a Hugging Face dataset folder",
    )
    .option("--dataset <name|path>", "prompts made from a labeled dataset (its texts, asked the --instruction question)")
    .option("--test <path>", "the dataset's test split")
    .option("--prompts <file>", "or a JSONL file of {prompt}, {prompt, response} or {prompt, responses}");
  addParadigmFlags(command, SFT_FLAGS, SftConfigSchema.parse({ source: { file: "x" } }))
    .option("--config <file>", "the config as JSON (flags override it)")
    .option("--out <dir>", "output folder: checkpoints.sqlite, <thread>.sft.json, <thread>.sft.openai.jsonl, <thread>-sft-hf/", "runs")
    .option("--thread <id>", "thread to start, or to resume (after a crash, or with --answer)")
    .option("--checkpointer <where>", "SQLite file, memory, or postgres://… (default: <out>/checkpoints.sqlite)")
    .option("--answer <file>", "people's answer (JSON) to the requests the thread waits on")
    .option("--quiet", "no progress output")
    // Loaded when used: the graph and its writers need not slow every other command's start.
    .action(async (options: ParadigmOptions, cmd: Command) => (await import("./sftCommand.js")).sftCommand(options, cmd));
}
