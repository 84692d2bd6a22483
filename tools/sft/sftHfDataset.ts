import { stringify } from "yaml";
import type { Ledger } from "../cost/ledger.js";
import type { DatasetFile } from "../export/hfDataset.js";
import { toJsonl } from "../export/jsonl.js";
import type { SftExample } from "./sftRecords.js";

/**
 * A Hugging Face `datasets` folder of active SFT's examples: `data/train.jsonl` with a `messages`
 * column (the chat format TRL's SFTTrainer reads) beside the prompt, the response and where it came
 * from, and a README.md card whose front matter names the split and whose text counts the
 * examples by author (self-training, people, the simulated oracle, an LLM, the prompt file) and
 * what the run spent.
 */
export function sftHfDataset(input: { thread: string; source: string; strategy: string; examples: readonly SftExample[]; ledger: Ledger }): DatasetFile[] {
  const rows = input.examples.map((example) => ({
    id: example.id,
    prompt: example.prompt,
    response: example.response,
    messages: [
      { role: "user", content: example.prompt },
      { role: "assistant", content: example.response },
    ],
    source: example.source,
    model: example.model ?? null,
    agreement: example.agreement ?? null,
    costUsd: example.costUsd,
    round: example.round,
  }));
  const bySource = new Map<string, number>();
  for (const example of input.examples) bySource.set(example.source, (bySource.get(example.source) ?? 0) + 1);
  const simulated = input.examples.some((example) => example.source === "oracle" || example.model?.startsWith("simulated:"));
  const front = {
    pretty_name: `${input.source} (activegraph active SFT, thread ${input.thread})`,
    license: "unknown",
    task_categories: ["text-generation"],
    tags: ["activegraph", "active-learning", "sft", ...(simulated ? ["simulated-annotations"] : [])],
    configs: [{ config_name: "default", data_files: [{ split: "train", path: "data/train.jsonl" }] }],
  };
  const lines = [
    `---\n${stringify(front)}---`,
    `# ${front.pretty_name}`,
    "",
    `Supervised fine-tuning examples chosen by activegraph's active SFT graph (strategy \`${input.strategy}\`) from the prompts of ${input.source}.`,
    "",
    "| written by | examples |",
    "|---|---|",
    ...[...bySource].map(([source, n]) => `| ${source} | ${n} |`),
    "",
    `The run spent $${input.ledger.totalUsd.toFixed(4)} (people's fees $${input.ledger.human.usd.toFixed(4)}, LLM calls $${(input.ledger.totalUsd - input.ledger.human.usd).toFixed(4)}).`,
    ...(simulated
      ? [
          "",
          "Some responses come from simulated annotators (the dataset's gold answers or the offline simulated LLM): this is a benchmark artefact, not human data.",
        ]
      : []),
    "",
  ];
  return [
    { path: "data/train.jsonl", content: toJsonl(rows) },
    { path: "README.md", content: lines.join("\n") },
  ];
}
