/**
 * Throughput of the in-process sentence embeddings (`npm run bench:embed`, after
 * scripts/install-models.sh): all-MiniLM-L6-v2 through LocalEmbeddings (GGUF F16, the default, and
 * the opt-in Q8_0), on the first `--texts` training texts of each dataset, with 1, 2 and 4 contexts
 * of one thread each (4 is the default on 2 cores), no cache.
 * Prints texts per second (wall) beside texts per CPU-second (the process's user + system time,
 * every thread counted): on a shared machine the first depends on the load, which is printed too,
 * the second much less. When `@huggingface/transformers` is installed (not a dependency:
 * `ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm i --no-save @huggingface/transformers`), the int8 ONNX
 * export of the same model runs as well, in batches of texts sorted by length, for comparison.
 * Every row names its cosine to sentence-transformers' vectors (the reference vectors of the install
 * script and test/fixtures/all-MiniLM-L6-v2.long.json), the lowest over those texts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname } from "node:path";
import Table from "cli-table3";
import { Command } from "commander";
import { LocalEmbeddings } from "../tools/embed/localEmbeddings.js";
import { INSTALL_MODELS_SCRIPT, LOCAL_MODELS, localModel, readModelManifest } from "../tools/localModels/manifest.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { positiveInteger, positiveIntegers } from "./cliArgs.js";
import { benchDatasetSpec } from "./datasets.js";
import { onnxEmbedder } from "./onnxEmbedder.js";
import { minilmReferenceVectors } from "./referenceVectors.js";

const program = new Command()
  .name("bench:embed")
  .description("texts per second of the in-process sentence embeddings")
  .option("--datasets <list>", "datasets whose training texts are embedded", "trec6,ag_news")
  .option("--texts <n>", "texts per dataset (the first of the training split)", positiveInteger, 1000)
  .option("--models <list>", "installed GGUF embedding models", `${LOCAL_MODELS.minilmGguf},${LOCAL_MODELS.minilmQ8Gguf}`)
  .option("--concurrency <list>", "contexts in parallel, one thread each", positiveIntegers, [1, 2, 4])
  .option("--threads <n>", "CPU threads per context", positiveInteger, 1)
  .option("--onnx-batch <n>", "texts per ONNX Runtime call", positiveInteger, 32)
  .option("--data-dir <dir>", "folder of datasets", "../shared/datasets")
  .option("--out <file>", "JSON results", "results/embed-speed.json")
  .parse();
const options = program.opts<{
  datasets: string;
  texts: number;
  models: string;
  concurrency: number[];
  threads: number;
  onnxBatch: number;
  dataDir: string;
  out: string;
}>();

const manifest = readModelManifest();
if (!manifest) {
  console.error(`no local models: run ${INSTALL_MODELS_SCRIPT} first`);
  process.exit(2);
}
const ggufModels = options.models.split(",").map((name) => {
  const entry = manifest.models[name];
  if (entry?.kind !== "embedding" || entry.format !== "gguf")
    throw new Error(`--models: "${name}" is not an installed GGUF embedding model (rerun ${INSTALL_MODELS_SCRIPT})`);
  return { name, ...entry };
});
const { sentences: referenceTexts, vectors: referenceVectors } = minilmReferenceVectors().all;

/** The lowest cosine between `embed`'s vectors of the reference texts and sentence-transformers'. */
async function minCosine(embed: (texts: string[]) => Promise<Float32Array>): Promise<number> {
  const data = await embed(referenceTexts);
  const dim = data.length / referenceTexts.length;
  return Math.min(...referenceVectors.map((expected, i) => expected.reduce((sum, x, d) => sum + x * data[i * dim + d], 0)));
}

interface Row {
  dataset: string;
  runtime: string;
  contexts: number;
  texts: number;
  perSecond: number;
  perCpuSecond: number;
  loadBefore: number;
  loadAfter: number;
  minCosine: number;
}

/** Wall and CPU time of one pass, and the 1-minute load average around it. */
async function timed(pass: () => Promise<unknown>, texts: number) {
  const loadBefore = loadavg()[0];
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await pass();
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: texts / seconds, perCpuSecond: texts / ((used.user + used.system) / 1e6), loadBefore, loadAfter: loadavg()[0] };
}

const rows: Row[] = [];
const table = new Table({
  head: ["dataset", "runtime", "texts", "texts/s", "texts per CPU-s", "load (1 min) before → after", "min cosine to sentence-transformers"],
});
const push = (row: Row) => {
  rows.push(row);
  table.push([
    row.dataset,
    row.runtime,
    row.texts,
    row.perSecond.toFixed(1),
    row.perCpuSecond.toFixed(1),
    `${row.loadBefore.toFixed(1)} → ${row.loadAfter.toFixed(1)}`,
    row.minCosine.toFixed(6),
  ]);
};
const onnx = await onnxEmbedder(localModel(LOCAL_MODELS.minilmOnnx).path, options.threads);

for (const name of options.datasets.split(",")) {
  const dataset = await loadDataset(benchDatasetSpec(name, options.dataDir));
  const texts = dataset.train.slice(0, options.texts).map((item) => item.text);
  for (const gguf of ggufModels) {
    for (const concurrency of options.concurrency) {
      const embeddings = new LocalEmbeddings({ model: gguf.path, concurrency, threads: options.threads, cacheDir: null });
      const cosine = await minCosine(async (batch) => (await embeddings.embedToFloat32(batch)).data);
      const speed = await timed(() => embeddings.embedToFloat32(texts), texts.length);
      const runtime = `node-llama-cpp, ${gguf.name} (GGUF ${gguf.quantization}), ${concurrency} context(s) × ${options.threads} thread(s)`;
      push({ dataset: name, runtime, contexts: concurrency, texts: texts.length, ...speed, minCosine: cosine });
      await embeddings.dispose();
    }
  }
  if (onnx) {
    const embed = (batch: string[]) => onnx.embed(batch, options.onnxBatch);
    const cosine = await minCosine(embed);
    const speed = await timed(() => embed(texts), texts.length);
    const runtime = `transformers.js, ONNX int8, batches of ${options.onnxBatch} × ${options.threads} thread(s)`;
    push({ dataset: name, runtime, contexts: 1, texts: texts.length, ...speed, minCosine: cosine });
  }
}

console.log(table.toString());
if (!onnx) console.log("transformers.js not installed: no ONNX row (ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm i --no-save @huggingface/transformers)");
mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify({ rows }, null, 2)}\n`);
console.log(`written: ${options.out}`);
