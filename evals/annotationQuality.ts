/**
 * How good, how dear and how slow are LLM labels, and what does routing some of them to people buy?
 * `npm run bench:annotation`. For a seeded sample of pool items per dataset, each annotator (the
 * simulated LLM, and real local models installed by scripts/install-models.sh) labels every item:
 * accuracy and macro-F1 against gold, calibration (ECE) under each confidence method, agreement
 * (Cohen's kappa) with the simulated human, seconds and tokens per label at several items per
 * call, and for each routing policy the label accuracy against the share of items people label,
 * and the USD per correct label. Each run is saved as it finishes (`<out>/runs/`), so an
 * interrupted benchmark resumes; two processes with different `--annotators` can share the work.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { parseRunConfig } from "../runtime/config/runConfig.js";
import { createServices } from "../runtime/services.js";
import { demonstrationsFor } from "../runtime/workspace/demonstrations.js";
import { emptySpend } from "../tools/cost/spend.js";
import { selectRows } from "../tools/linalg/csr.js";
import type { AnnotatorSettings } from "../tools/llm/annotator.js";
import { BudgetGuard } from "../tools/llm/budgetGuard.js";
import { LlmSchema } from "../tools/llm/config.js";
import { verifyLabels } from "../tools/llm/verifier.js";
import { allowManyAbortListeners } from "../tools/quietAbortListeners.js";
import { rngFor, shuffleInPlace } from "../tools/random.js";
import { benchAnnotator } from "./annotation/annotators.js";
import { type AnnotatorResult, datasetSection } from "./annotation/report.js";
import { agreement, cascade, confidencePolicies, routingRow } from "./annotation/routing.js";
import { annotationRun } from "./annotation/runs.js";
import { scoreRun } from "./annotation/scores.js";
import { TASKS } from "./annotation/tasks.js";
import { benchDatasetSpec } from "./datasets.js";
import { stratifiedSample } from "./protocol.js";

allowManyAbortListeners();
const list = (value: string) => value.split(",").filter(Boolean);
const program = new Command()
  .option("--datasets <names>", "comma-separated", "trec6,ag_news,sms-spam")
  .option("--data-dir <dir>", "folder of datasets", "../shared/datasets")
  .option("--sample <n>", "pool items labeled per dataset", Number, 400)
  .option("--annotators <list>", "simulated[:model], and installed local models", "simulated,smollm2-135m-instruct,gemma-3-270m")
  .option("--methods <list>", "confidence methods, one item a call", "logprobs,verbalized,self-consistency")
  .option("--per-call <list>", "items per call, logprobs", "1,5,10")
  .option("--samples <n>", "self-consistency samples", Number, 5)
  .option("--threads <n>", "llama.cpp threads per local model", Number, 1)
  .option("--human-fee <usd>", "USD per human label", Number, 0.05)
  .option("--out <dir>", "results folder", "results/annotation")
  .parse();
const options = program.opts<{
  datasets: string;
  dataDir: string;
  sample: number;
  annotators: string;
  methods: string;
  perCall: string;
  samples: number;
  threads: number;
  humanFee: number;
  out: string;
}>();
const out = resolve(options.out);
const services = createServices();
const annotators = list(options.annotators).map((spec) => benchAnnotator(spec, options.threads));
const methods = list(options.methods) as AnnotatorSettings["confidence"][];
const perCalls = list(options.perCall).map(Number);
const log = (line: string) => process.stderr.write(`${line}\n`);
const lines: string[] = [
  "# activegraph annotation quality",
  "",
  `Regenerate with \`npm run bench:annotation -- ${process.argv.slice(2).join(" ")}\`. Annotators: ${annotators.map((a) => `${a.name}${a.simulated ? " (simulated: SimulatedChatModel, priced as the model it stands for)" : " (real, in-process through node-llama-cpp, free)"}`).join("; ")}. The human is simulated: the gold labels at $${options.humanFee} a label.`,
  "",
];

for (const name of list(options.datasets)) {
  const config = parseRunConfig({
    dataset: benchDatasetSpec(name, options.dataDir),
    task: TASKS[name] ?? {},
    // The simulator's reservoir is held out of the pool, so every annotator labels the same items.
    annotator: { kind: "llm", llm: { provider: "simulated" } },
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
  const labeled = {
    items: seedSet.map((id) => ({ id, text: run.textOf(id), label: gold.get(id)! })),
    rows: selectRows(
      run.poolFeatures,
      seedSet.map((id) => run.pool.indexOf(id)),
    ),
  };
  const settings = (confidence: AnnotatorSettings["confidence"]): AnnotatorSettings => ({
    instructions: config.task.description,
    labels: run.classes,
    labelDescriptions: config.task.labelDescriptions,
    confidence,
    samples: options.samples,
  });
  const results: AnnotatorResult[] = [];
  for (const annotator of annotators) {
    const client = services.llm(config, annotator.llm, run);
    const runOf = (method: AnnotatorSettings["confidence"], perCall: number) => {
      log(`${name}: ${annotator.name}, ${method}, ${perCall} item(s) a call`);
      return annotationRun({
        file: join(out, "runs", name, annotator.key, `${method}-${perCall}.json`),
        client,
        ids: sample,
        textOf: (id) => run.textOf(id),
        demonstrations: (calls) => demonstrationsFor(run, labeled, calls, 4),
        settings: settings(method),
        perCall,
        parallel: annotator.parallel,
        log,
      });
    };
    const byMethod = [];
    for (const method of methods) {
      const done = await runOf(method, 1);
      byMethod.push({ method, run: done, scores: scoreRun(sample, done.byId, gold, run.classes) });
    }
    const byPerCall = [];
    for (const perCall of perCalls) {
      const done =
        perCall === 1 && byMethod.some((m) => m.method === "logprobs") ? byMethod.find((m) => m.method === "logprobs")!.run : await runOf("logprobs", perCall);
      byPerCall.push({ perCall, run: done, scores: scoreRun(sample, done.byId, gold, run.classes) });
    }
    const base = byMethod.find((m) => m.method === "logprobs")?.run ?? byMethod[0]?.run;
    const routing = base
      ? confidencePolicies(base.byId, gold).map(({ policy, decide }) => routingRow(policy, sample, gold, decide, base.spend.usd, options.humanFee))
      : [];
    if (base && annotator.simulated) {
      // Beside it, the simulated stronger model as verifier, and a cascade from a cheaper one.
      const verifier = services.llm(config, LlmSchema.parse({ provider: "simulated", model: "gpt-4o", concurrency: 32 }), run);
      const spend = emptySpend();
      const verdicts = await verifyLabels(
        verifier,
        sample.filter((id) => base.byId.has(id)).map((id) => ({ id, text: run.textOf(id), proposed: base.byId.get(id)!.label })),
        settings("logprobs"),
        BudgetGuard.unlimited(),
        spend,
      );
      routing.push(
        routingRow(
          "simulated gpt-4o verifies, people settle disagreements",
          sample,
          gold,
          (id) => (verdicts.get(id) === true ? { label: base.byId.get(id)!.label, human: false } : { label: gold.get(id), human: true }),
          base.spend.usd + spend.usd,
          options.humanFee,
        ),
      );
      // A cascade (NoiseAL): the simulated gpt-4.1-nano labels everything, gpt-4o what nano is less than 0.8 sure of.
      const simulatedRun = (model: string, ids: readonly string[], file: string) =>
        annotationRun({
          file: join(out, "runs", name, `simulated-${model}`, file),
          client: services.llm(config, LlmSchema.parse({ provider: "simulated", model, concurrency: 32 }), run),
          ids,
          textOf: (id) => run.textOf(id),
          demonstrations: (calls) => demonstrationsFor(run, labeled, calls, 4),
          settings: settings("logprobs"),
          perCall: 1,
          parallel: 32,
        });
      const cheap = await simulatedRun("gpt-4.1-nano", sample, "logprobs-1.json");
      const unsure = sample.filter((id) => (cheap.byId.get(id)?.confidence ?? 0) < 0.8);
      const strong = await simulatedRun("gpt-4o", unsure, "escalated-logprobs-1.json");
      routing.push(
        routingRow(
          `cascade: simulated gpt-4.1-nano, then gpt-4o below 0.8 (${((100 * unsure.length) / sample.length).toFixed(1)}% escalated)`,
          sample,
          gold,
          cascade(cheap.byId, strong.byId, 0.8),
          cheap.spend.usd + strong.spend.usd,
          options.humanFee,
        ),
      );
    }
    routing.push(routingRow("people only", sample, gold, (id) => ({ label: gold.get(id), human: true }), 0, options.humanFee));
    results.push({ annotator, byMethod, byPerCall, routing });
  }
  // Two real models: a cascade from the smaller to the larger, and agreement between them.
  const real = results.filter((result) => !result.annotator.simulated && result.byMethod.some((m) => m.method === "logprobs"));
  if (real.length >= 2) {
    const [a, b] = real.map((result) => result.byMethod.find((m) => m.method === "logprobs")!.run);
    const steps = cascade(a.byId, b.byId, 0.8);
    real[0].routing.splice(
      -1,
      0,
      routingRow(
        `cascade: ${real[0].annotator.name}, then ${real[1].annotator.name} below 0.8 (${((100 * steps.escalated(sample)) / sample.length).toFixed(1)}% escalated)`,
        sample,
        gold,
        steps,
        0,
        options.humanFee,
      ),
      routingRow(
        `${real[0].annotator.name} and ${real[1].annotator.name} agree, people settle the rest`,
        sample,
        gold,
        agreement(a.byId, b.byId, gold),
        0,
        options.humanFee,
      ),
    );
  }
  const poolShare = Object.fromEntries(run.classes.map((label) => [label, run.pool.ids.filter((id) => gold.get(id) === label).length / run.pool.size]));
  const section = datasetSection(name, sample.length, run.classes, poolShare, results);
  console.log(section.join("\n"));
  lines.push(...section);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "report.md"), `${lines.join("\n")}\n`);
}
log(`wrote ${join(out, "report.md")}`);
services.close();
