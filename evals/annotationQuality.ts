/**
 * How good and how dear are LLM labels, and what does routing some of them to people buy?
 * `npm run bench:annotation -- --datasets trec6,ag_news`. For a seeded sample of pool items:
 * the LLM's accuracy and calibration (ECE) under each confidence method, its agreement (Cohen's
 * kappa) with the simulated human, and for each routing policy the label accuracy against the
 * share of items people label, and the USD per correct label. Everything here is simulated: the
 * LLM is activegraph's SimulatedChatModel (priced as the model it names), the human answers from
 * the gold labels at the human fee.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Table from "cli-table3";
import { Command } from "commander";
import { createServices } from "../runtime/services.js";
import { demonstrationsFor, type Demonstration } from "../runtime/workspace/demonstrations.js";
import type { Workspace } from "../runtime/workspace/workspace.js";
import { ReviewSchema } from "../tools/annotators/config.js";
import { reviewDecision } from "../tools/annotators/review.js";
import { emptySpend } from "../tools/cost/spend.js";
import { selectRows } from "../tools/linalg/csr.js";
import { annotateWithLlm, type AnnotatorSettings, type LlmAnswer } from "../tools/llm/annotator.js";
import { escalate } from "../tools/llm/cascade.js";
import { BudgetGuard } from "../tools/llm/budgetGuard.js";
import type { LlmClient } from "../tools/llm/llmClient.js";
import { LlmSchema } from "../tools/llm/config.js";
import { verifyLabels } from "../tools/llm/verifier.js";
import { cohenKappa } from "../tools/metrics/agreement.js";
import { expectedCalibrationError } from "../tools/metrics/calibration.js";
import { rngFor, shuffleInPlace } from "../tools/random.js";
import { parseRunConfig, type RunConfig, taskInstructions } from "../runtime/config/runConfig.js";
import { benchDatasetSpec } from "./datasets.js";
import { stratifiedSample } from "./protocol.js";
import { allowManyAbortListeners } from "../tools/quietAbortListeners.js";

allowManyAbortListeners();
const services = createServices();

const program = new Command()
  .option("--datasets <names>", "comma-separated", "trec6,ag_news")
  .option("--data-dir <dir>", "folder of datasets", "../shared/datasets")
  .option("--sample <n>", "pool items labeled per dataset", Number, 400)
  .option("--model <name>", "the LLM (simulated, priced as this model)", "gpt-4o-mini")
  .option("--human-fee <usd>", "USD per human label", Number, 0.05)
  .option("--out <dir>", "results folder", "results/annotation")
  .parse();
const options = program.opts<{ datasets: string; dataDir: string; sample: number; model: string; humanFee: number; out: string }>();

const lines: string[] = [
  "# activegraph annotation quality (simulated)",
  "",
  `Regenerate with \`npm run bench:annotation -- ${process.argv.slice(2).join(" ")}\`. The LLM is SimulatedChatModel standing for ${options.model}; the human is the gold labels at $${options.humanFee} a label.`,
  "",
];

for (const name of options.datasets.split(",")) {
  const config = parseRunConfig({
    dataset: benchDatasetSpec(name, options.dataDir),
    annotator: { kind: "llm", llm: { provider: "simulated", model: options.model, concurrency: 32 } },
    stopping: { maxLabels: 1 },
    llmCache: "off",
  });
  const run = await services.workspace(config);
  const gold = new Map(
    run
      .oracle(0, 0)
      .annotate([...run.pool.ids])
      .map(({ id, label }) => [id, label]),
  );
  const seedSet = stratifiedSample(
    run.pool.ids.map((id) => ({ id, text: "", label: gold.get(id)! })),
    50,
    0,
  );
  const seedIds = new Set(seedSet);
  const sample = shuffleInPlace(
    run.pool.ids.filter((id) => !seedIds.has(id)),
    rngFor(0, "annotation-sample", name),
  ).slice(0, options.sample);
  const demos = demonstrations(run, sample, seedSet, gold);
  const annotate = (client: LlmClient, settings: Partial<AnnotatorSettings>, ids: readonly string[] = sample) =>
    annotateAll(run, client, config, ids, demos, settings);
  const primary = services.llm(config, config.annotator.kind === "llm" ? config.annotator.llm : LlmSchema.parse({}), run);

  // Confidence methods: accuracy, calibration, cost.
  const methods = new Table({ head: ["confidence method", "label accuracy", "ECE", "USD per 1,000 labels"], style: { head: [], border: [] } });
  lines.push(
    `## ${name} (${sample.length} items, ${run.classes.length} classes)`,
    "",
    "| confidence method | label accuracy | ECE | USD per 1,000 labels |",
    "| --- | ---: | ---: | ---: |",
  );
  const byMethod = new Map<string, { answers: Map<string, LlmAnswer>; usd: number }>();
  for (const method of ["logprobs", "verbalized", "self-consistency"] as const) {
    const result = await annotate(primary, { confidence: method, samples: 5 });
    byMethod.set(method, result);
    const answered = sample.filter((id) => result.answers.has(id));
    const correct = answered.map((id) => result.answers.get(id)!.label === gold.get(id));
    const ece = expectedCalibrationError(
      answered.map((id) => result.answers.get(id)!.confidence ?? 0),
      correct,
    );
    const row = [method, pct(correct.filter(Boolean).length / sample.length), ece.toFixed(3), `$${((1000 * result.usd) / sample.length).toFixed(3)}`];
    methods.push(row);
    lines.push(`| ${row.join(" | ")} |`);
  }
  const llm = byMethod.get("logprobs")!;
  const index = new Map(run.classes.map((label, i) => [label, i]));
  const kappa = cohenKappa(
    sample.map((id) => index.get(llm.answers.get(id)?.label ?? "") ?? 0),
    sample.map((id) => index.get(gold.get(id)!)!),
    run.classes.length,
  );
  lines.push("", `Cohen's kappa between the LLM (logprobs run) and the simulated human: **${kappa.toFixed(3)}**.`, "");

  // Routing policies on the logprobs answers: who labels what, how right, at what price.
  const policies = new Table({ head: ["routing policy", "human share", "label accuracy", "USD per correct label"], style: { head: [], border: [] } });
  lines.push("| routing policy | human share | label accuracy | USD per correct label |", "| --- | ---: | ---: | ---: |");
  const addPolicy = (policy: string, labelOf: (id: string) => { label: string | undefined; human: boolean }, llmUsd: number) => {
    const decided = sample.map(labelOf);
    const humans = decided.filter((d) => d.human).length;
    const correct = decided.filter((d, i) => d.label === gold.get(sample[i])).length;
    const usd = llmUsd + humans * options.humanFee;
    const row = [policy, pct(humans / sample.length), pct(correct / sample.length), `$${(usd / Math.max(1, correct)).toFixed(4)}`];
    policies.push(row);
    lines.push(`| ${row.join(" | ")} |`);
  };
  const llmOrHuman = (id: string, human: boolean) => ({ label: human ? gold.get(id) : llm.answers.get(id)?.label, human: human || !llm.answers.has(id) });
  addPolicy("LLM only", (id) => llmOrHuman(id, false), llm.usd);
  for (const acceptAbove of [0.6, 0.7, 0.8, 0.9, 0.95]) {
    const review = ReviewSchema.parse({ acceptAbove });
    addPolicy(
      `accept ≥ ${acceptAbove}, people review the rest`,
      (id) => llmOrHuman(id, reviewDecision(review, llm.answers.get(id) ?? { id, confidence: null }, null, 0).kind === "human"),
      llm.usd,
    );
  }
  const spot = ReviewSchema.parse({ acceptAbove: 0.9, spotCheckRate: 0.1 });
  addPolicy(
    "accept ≥ 0.9, 10% spot-checks",
    (id) => llmOrHuman(id, reviewDecision(spot, llm.answers.get(id) ?? { id, confidence: null }, null, 0).kind === "human"),
    llm.usd,
  );

  const verifierClient = services.llm(config, LlmSchema.parse({ provider: "simulated", model: "gpt-4o", concurrency: 32 }), run);
  const spend = emptySpend();
  const verdicts = new Map<string, boolean | null>();
  await Promise.all(
    sample
      .filter((id) => llm.answers.has(id))
      .map(async (id) => {
        const verdict = await verifyLabels(
          verifierClient,
          [{ id, text: textOf(run, id), proposed: llm.answers.get(id)!.label }],
          settingsFor(config, run, {}),
          BudgetGuard.unlimited(),
          spend,
        );
        verdicts.set(id, verdict.get(id) ?? null);
      }),
  );
  addPolicy("gpt-4o verifies, people settle disagreements", (id) => llmOrHuman(id, verdicts.get(id) !== true), llm.usd + spend.usd);

  const cheap = services.llm(config, LlmSchema.parse({ provider: "simulated", model: "gpt-4.1-nano", concurrency: 32 }), run);
  const strong = services.llm(config, LlmSchema.parse({ provider: "simulated", model: "gpt-4o", concurrency: 32 }), run);
  const cheapRun = await annotate(cheap, { confidence: "logprobs" });
  let escalated = 0;
  let strongUsd = 0;
  const cascaded = new Map(
    (
      await escalate(
        [...cheapRun.answers.values()].map((answer) => ({ ...answer, costUsd: 0 })),
        0.8,
        async (ids) => {
          escalated = ids.length;
          const strongRun = await annotate(strong, { confidence: "logprobs" }, ids);
          strongUsd = strongRun.usd;
          return [...strongRun.answers.values()].map((answer) => ({ ...answer, costUsd: 0 }));
        },
      )
    ).map((answer) => [answer.id, answer]),
  );
  addPolicy(
    `cascade: gpt-4.1-nano, then gpt-4o below 0.8 (${pct(escalated / sample.length)} escalated)`,
    (id) => ({ label: cascaded.get(id)?.label, human: false }),
    cheapRun.usd + strongUsd,
  );
  addPolicy("people only", (id) => ({ label: gold.get(id), human: true }), 0);

  console.log(`\n${name}: ${sample.length} items; Cohen's kappa LLM vs simulated human ${kappa.toFixed(3)}`);
  console.log(methods.toString());
  console.log(policies.toString());
  lines.push("");
}

const out = resolve(options.out);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "report.md"), `${lines.join("\n")}\n`);
console.log(`\nwrote ${join(out, "report.md")}`);

function pct(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

function textOf(run: Workspace, id: string): string {
  return run.textOf(id);
}

function settingsFor(config: RunConfig, run: Workspace, overrides: Partial<AnnotatorSettings>): AnnotatorSettings {
  return { instructions: taskInstructions(config), labels: run.classes, confidence: "logprobs", samples: 5, ...overrides };
}

/** The four nearest items of the labeled seed set, as LLMaAA demonstrations for each item (the annotator node's own function). */
function demonstrations(run: Workspace, ids: readonly string[], seed: readonly string[], gold: Map<string, string>): Map<string, Demonstration[]> {
  const labeled = {
    items: seed.map((id) => ({ id, text: textOf(run, id), label: gold.get(id)! })),
    rows: selectRows(
      run.poolFeatures,
      seed.map((id) => run.pool.indexOf(id)),
    ),
  };
  const demos = demonstrationsFor(
    run,
    labeled,
    ids.map((id) => [id]),
    4,
  );
  return new Map(ids.map((id, i) => [id, demos[i]]));
}

async function annotateAll(
  run: Workspace,
  client: LlmClient,
  config: RunConfig,
  ids: readonly string[],
  demos: Map<string, Demonstration[]>,
  overrides: Partial<AnnotatorSettings>,
): Promise<{ answers: Map<string, LlmAnswer>; usd: number }> {
  const settings = settingsFor(config, run, overrides);
  const outcomes = await Promise.all(
    ids.map((id) => annotateWithLlm(client, [{ id, text: textOf(run, id) }], demos.get(id) ?? [], settings, BudgetGuard.unlimited())),
  );
  return {
    answers: new Map(outcomes.flatMap((outcome) => outcome.answers).map((answer) => [answer.id, answer])),
    usd: outcomes.reduce((sum, outcome) => sum + outcome.spend.usd, 0),
  };
}
