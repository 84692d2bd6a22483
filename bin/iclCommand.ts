import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { runIclThread } from "../graphs/activeIcl/runIclThread.js";
import { IclConfigSchema } from "../runtime/config/iclConfig.js";
import { createServices } from "../runtime/services.js";
import { ConfigError } from "../tools/errors.js";
import { localChatLlm } from "../tools/localModels/localChatLlm.js";
import { LOCAL_MODELS } from "../tools/localModels/manifest.js";
import { datasetSpecFromArg } from "../tools/pool/datasetSpec.js";
import { checkpointing } from "./checkpointer.js";
import { applyIclFlags, flagOf } from "./iclFlags.js";
import { terminalHuman } from "./terminalHuman.js";

export interface IclOptions {
  dataset?: string;
  test?: string;
  config?: string;
  learner?: string;
  annotatorModel?: string;
  threads: string;
  out: string;
  thread?: string;
  checkpointer?: string;
  quiet?: boolean;
}

const LOCAL = new Set<string>(Object.values(LOCAL_MODELS));

/**
 * `--learner`: `simulated[:model]` (offline, priced as the model), `openai:<model>` (the key from
 * OPENAI_API_KEY), or an installed local model by name (SmolLM2, Gemma 3; scripts/install-models.sh),
 * run in this process through llama.cpp.
 */
function learnerOf(spec: string, threads: number): Record<string, unknown> {
  const [provider, ...rest] = spec.split(":");
  const model = rest.join(":");
  if (provider === "simulated") return { provider: "simulated", ...(model ? { model } : {}) };
  if (provider === "openai" && model) return { provider: "openai", model };
  if (LOCAL.has(spec)) return localChatLlm(spec, { threads });
  throw new ConfigError(
    `--learner: "${spec}" is none of simulated[:model], openai:<model>, ${[...LOCAL].filter((name) => !name.includes("minilm")).join(", ")}`,
  );
}

/** The ICL config the command line describes: a --config file, the dataset, the learner and the flags. */
function requestedIclConfig(options: IclOptions, command: Command): unknown {
  let config: Record<string, unknown> = {};
  if (options.config) {
    if (!existsSync(options.config)) throw new ConfigError(`--config: ${options.config}: no such file`);
    try {
      config = JSON.parse(readFileSync(options.config, "utf8"));
    } catch (error) {
      throw new ConfigError(`--config: ${options.config}: not valid JSON (${(error as Error).message})`);
    }
  }
  if (options.dataset !== undefined || config.dataset === undefined) config.dataset = datasetSpecFromArg(options.dataset ?? "spamassassin", options.test);
  const threads = Number(options.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new ConfigError(`--threads: "${options.threads}" is not a positive integer`);
  if (options.learner) config.learner = learnerOf(options.learner, threads);
  applyIclFlags(command, config);
  if (options.annotatorModel) config.annotator = { ...(config.annotator as object), kind: "llm", llm: learnerOf(options.annotatorModel, threads) };
  const parsed = IclConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${flagOf(issue.path) ?? issue.path.map(String).join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid options: ${issues.join("; ")}`);
  }
  return config;
}

/**
 * `activegraph icl`: an active in-context learning run (graphs/activeIcl), started or resumed with
 * --thread. Everything typed is checked before the checkpoint database is opened. Prints the
 * learner's few-shot accuracy, the labels bought and the USD spent, and writes <thread>.icl.json.
 */
export async function iclCommand(options: IclOptions, command: Command): Promise<void> {
  const outDir = resolve(options.out);
  const store = checkpointing(options.checkpointer, outDir);
  const threadId = options.thread ?? `icl-${new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}`;
  const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
  const config = options.thread && !options.dataset && !options.config ? undefined : requestedIclConfig(options, command);
  mkdirSync(outDir, { recursive: true });
  const services = createServices();
  let evaluated = 0;
  let total = 0;
  try {
    log(`thread ${threadId}; checkpoints: ${store.where} (resume with --out ${options.out} --thread ${threadId})`);
    const result = await runIclThread({
      threadId,
      checkpointer: await store.open(),
      ...(config ? { config: config as never } : {}),
      services,
      responder: terminalHuman(),
      onStep: (node, update) => {
        if (node === "initialize") total = update.testItems?.length ?? 0;
        if (node === "select" && update.counters?.selected) log(`selected ${update.counters.selected} item(s) to label`);
        if (node === "evaluate") {
          evaluated += update.predictions?.length ?? 0;
          log(`evaluated ${evaluated}/${total || "?"} test inputs`);
        }
      },
    });
    const { state } = result;
    if (result.status === "waiting") log(`stopped with items waiting for a person: resume with --out ${options.out} --thread ${threadId}`);
    const metrics = state.history.at(-1);
    const path = join(outDir, `${threadId}.icl.json`);
    writeFileSync(
      path,
      `${JSON.stringify({ status: result.status, config: state.icl, metrics, ledger: state.ledger, labels: state.labels, predictions: state.predictions }, null, 2)}\n`,
    );
    if (metrics) {
      const percent = (value: number | null) => (value === null ? "–" : `${(100 * value).toFixed(1)}%`);
      console.log(
        `strategy ${state.icl?.strategy}, k ${state.icl?.k}: accuracy ${percent(metrics.accuracy)}, macro-F1 ${percent(metrics.macroF1)} on ${state.predictions.length} test inputs`,
      );
    }
    console.log(`labels: ${state.labels.length}, spent $${state.ledger.totalUsd.toFixed(4)}`);
    console.log(`result: ${path}`);
  } finally {
    services.close();
  }
}
