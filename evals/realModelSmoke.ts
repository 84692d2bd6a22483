/**
 * Real local models, measured: `npm run bench:models` (after scripts/install-models.sh).
 *
 * 1. Each chat model (SmolLM2-135M-Instruct Q4_1, Gemma 3 270M Q4_K_M) in-process through
 *    node-llama-cpp: load time, prompt tokens/s (in) and generated tokens/s (out).
 * 2. Annotation with activegraph's prompt (tools/llm/prompts/annotatePrompt.ts), constrained by the
 *    label-set grammar, on the first `--items` questions of trec6's test split, at 1, 5 and 10 items
 *    per call: seconds and tokens per label, accuracy against gold, mean label probability (from
 *    the logprobs), and the share of the most frequent predicted label (a weak model's tell).
 * 3. Sentence embeddings (all-MiniLM-L6-v2): texts per second on trec6 questions and the cosine to
 *    sentence-transformers' vectors, for node-llama-cpp (GGUF F16) and, when installed,
 *    transformers.js (int8 ONNX).
 *
 * Options: --threads (per evaluation, default 1), --items (default 50), --embed-texts (default 500),
 * --data-dir <dir> (default ../shared/datasets), --out <file> (default results/real-models.json).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import Table from "cli-table3";
import { Command } from "commander";
import { LocalEmbeddings } from "../tools/embed/localEmbeddings.js";
import { labelProbability } from "../tools/llm/confidence.js";
import { annotationPrompt, AnnotationReplySchema } from "../tools/llm/prompts/annotatePrompt.js";
import { parseJsonReply } from "../tools/llm/prompts/delimit.js";
import { LlamaCppChatModel, type TokenLogprob } from "../tools/llm/providers/llamaCppChatModel.js";
import { LOCAL_MODELS, localModel, readModelManifest, INSTALL_MODELS_SCRIPT } from "../tools/localModels/manifest.js";

const program = new Command()
  .option("--threads <n>", "CPU threads per evaluation", Number, 1)
  .option("--items <n>", "trec6 test questions to annotate", Number, 50)
  .option("--embed-texts <n>", "trec6 questions to embed", Number, 500)
  .option("--per-call <list>", "items per call", "1,5,10")
  .option("--models <list>", "chat models", `${LOCAL_MODELS.smollm2},${LOCAL_MODELS.gemma3}`)
  .option("--data-dir <dir>", "folder of datasets (trec6 is read from it)", "../shared/datasets")
  .option("--out <file>", "JSON results", "results/real-models.json")
  .parse();
const opts = program.opts<{ threads: number; items: number; embedTexts: number; perCall: string; models: string; dataDir: string; out: string }>();

const manifest = readModelManifest();
if (!manifest) {
  console.error(`no local models: run ${INSTALL_MODELS_SCRIPT} first`);
  process.exit(2);
}

const readJsonl = (path: string) =>
  gunzipSync(readFileSync(path))
    .toString("utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { text: string; label: string });
const test = readJsonl(join(opts.dataDir, "trec6", "test.jsonl.gz"));
const train = readJsonl(join(opts.dataDir, "trec6", "train.jsonl.gz"));

const LABELS = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"];
const DESCRIPTIONS: Record<string, string> = {
  ABBR: "the answer is an abbreviation or what one stands for",
  DESC: "the answer is a description, definition, manner or reason",
  ENTY: "the answer is an entity: a thing, animal, colour, food, product, event, term",
  HUM: "the answer is a person or a group of people",
  LOC: "the answer is a place",
  NUM: "the answer is a number: a count, date, distance, price, percentage, speed",
};
const INSTRUCTIONS = "Classify each question by the kind of answer it asks for.";
const seconds = (start: number) => (performance.now() - start) / 1000;
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const results: Record<string, unknown> = { threads: opts.threads, items: opts.items, when: new Date().toISOString() };

// 1 and 2: the chat models.
const speedTable = new Table({ head: ["model", "quantization", "load s", "prompt tok/s (in)", "generated tok/s (out)"] });
const annotationTable = new Table({
  head: ["model", "items/call", "s/label", "in tok/label", "out tok/label", "accuracy %", "mean P(label)", "top label share %"],
});
for (const name of opts.models.split(",")) {
  const entry = localModel(name);
  const started = performance.now();
  const model = new LlamaCppChatModel({ model: entry.path, modelName: name, threads: opts.threads, contextSize: 2048 });
  const engine = await model.engine();
  const loadSeconds = seconds(started);

  // Speed: a ~400-token prompt the sequence has never seen, then 64 free tokens.
  const filler = train
    .slice(0, 40)
    .map((row) => row.text)
    .join(" ");
  const tokens = await engine.chatTokens([{ role: "user", content: `Summarize these questions: ${filler}` }]);
  const speed = await engine.withSequence(async (sequence) => {
    await sequence.clearHistory();
    const t0 = performance.now();
    let first = 0;
    let generated = 0;
    for await (const _ of sequence.evaluate(tokens, { temperature: 0 })) {
      if (generated === 0) first = performance.now();
      if (++generated >= 64) break;
    }
    return { inPerSecond: tokens.length / ((first - t0) / 1000), outPerSecond: (generated - 1) / ((performance.now() - first) / 1000) };
  });
  speedTable.push([name, entry.quantization, fixed(loadSeconds), fixed(speed.inPerSecond, 0), fixed(speed.outPerSecond, 1)]);

  const rows = [];
  for (const perCall of opts.perCall.split(",").map(Number)) {
    const items = test.slice(0, opts.items);
    let correct = 0;
    let labelled = 0;
    let inTokens = 0;
    let outTokens = 0;
    let probabilitySum = 0;
    const counts = new Map<string, number>();
    const t0 = performance.now();
    for (let start = 0; start < items.length; start += perCall) {
      const call = items.slice(start, start + perCall);
      const turns = annotationPrompt({
        instructions: INSTRUCTIONS,
        labels: LABELS,
        labelDescriptions: DESCRIPTIONS,
        demonstrations: [],
        items: call.map((item, i) => ({ key: String(i + 1), text: item.text })),
        askConfidence: false,
      });
      const reply = await model.invoke(
        turns.map((turn) => ({ role: turn.role, content: turn.content })),
        { maxTokens: 64 + 32 * call.length },
      );
      const content = reply.content as string;
      const logprobs = (reply.response_metadata as { logprobs: { content: TokenLogprob[] } }).logprobs.content;
      inTokens += reply.usage_metadata?.input_tokens ?? 0;
      outTokens += reply.usage_metadata?.output_tokens ?? 0;
      const answers = parseJsonReply(content, AnnotationReplySchema)?.answers ?? [];
      answers.forEach((answer, index) => {
        const item = call[Number(answer.id) - 1];
        if (!item) return;
        labelled++;
        if (answer.label === item.label) correct++;
        counts.set(answer.label, (counts.get(answer.label) ?? 0) + 1);
        probabilitySum += labelProbability(content, logprobs, index) ?? 0;
      });
    }
    const elapsed = seconds(t0);
    const row = {
      perCall,
      secondsPerLabel: elapsed / items.length,
      inTokensPerLabel: inTokens / items.length,
      outTokensPerLabel: outTokens / items.length,
      labelled,
      accuracy: correct / items.length,
      meanLabelProbability: probabilitySum / Math.max(1, labelled),
      topLabelShare: Math.max(0, ...counts.values()) / Math.max(1, labelled),
      labels: Object.fromEntries(counts),
    };
    rows.push(row);
    annotationTable.push([
      name,
      perCall,
      fixed(row.secondsPerLabel, 2),
      fixed(row.inTokensPerLabel, 0),
      fixed(row.outTokensPerLabel, 0),
      fixed(100 * row.accuracy),
      fixed(row.meanLabelProbability, 2),
      fixed(100 * row.topLabelShare),
    ]);
  }
  results[name] = { quantization: entry.quantization, loadSeconds, ...speed, annotation: rows };
  await engine.context.dispose();
}

// 3. Sentence embeddings.
const reference = JSON.parse(readFileSync(manifest.references["all-minilm-l6-v2"], "utf8")) as { sentences: string[]; vectors: number[][] };
const minCosine = (vectors: number[][]) => Math.min(...vectors.map((v, i) => v.reduce((sum, x, d) => sum + x * reference.vectors[i][d], 0)));
const texts = train.slice(0, opts.embedTexts).map((row) => row.text);
const embeddingTable = new Table({ head: ["embeddings", "format", "texts/s", "min cosine to sentence-transformers"] });
const embeddingRows = [];
for (const concurrency of [1, 2]) {
  const embeddings = new LocalEmbeddings({ model: localModel(LOCAL_MODELS.minilmGguf).path, threads: opts.threads, concurrency, cacheDir: null });
  const cosine = minCosine(await embeddings.embedDocuments(reference.sentences));
  const t0 = performance.now();
  await embeddings.embedToFloat32(texts);
  const perSecond = texts.length / seconds(t0);
  embeddingRows.push({ runtime: "node-llama-cpp", concurrency, perSecond, cosine });
  embeddingTable.push([
    `node-llama-cpp, ${concurrency} context(s) × ${opts.threads} thread(s)`,
    `GGUF ${localModel(LOCAL_MODELS.minilmGguf).quantization}`,
    fixed(perSecond, 0),
    fixed(cosine, 5),
  ]);
  await embeddings.dispose();
}
const transformers = await import("@huggingface/transformers" as string).catch(() => null);
if (transformers) {
  const onnx = localModel(LOCAL_MODELS.minilmOnnx);
  transformers.env.allowRemoteModels = false;
  transformers.env.localModelPath = dirname(onnx.path);
  const pipe = await transformers.pipeline("feature-extraction", onnx.path.split(/[\\/]/).pop(), {
    dtype: "q8",
    session_options: { intraOpNumThreads: opts.threads, interOpNumThreads: 1 },
  });
  const embed = async (batch: string[]) => (await pipe(batch, { pooling: "mean", normalize: true })).tolist() as number[][];
  const vectors = [];
  for (const sentence of reference.sentences) vectors.push(...(await embed([sentence])));
  const cosine = minCosine(vectors);
  const t0 = performance.now();
  for (let start = 0; start < texts.length; start += 16) await embed(texts.slice(start, start + 16));
  const perSecond = texts.length / seconds(t0);
  embeddingRows.push({ runtime: "transformers.js", perSecond, cosine });
  embeddingTable.push([`transformers.js, batches of 16, ${opts.threads} thread(s)`, `ONNX ${onnx.quantization}`, fixed(perSecond, 0), fixed(cosine, 5)]);
} else {
  embeddingTable.push(["transformers.js", "not installed (npm i --no-save @huggingface/transformers with ONNXRUNTIME_NODE_INSTALL_CUDA=skip)", "", ""]);
}
results.embeddings = embeddingRows;

console.log(`Real models in-process, ${opts.threads} thread(s) per evaluation, trec6 (${opts.items} test questions; ${texts.length} train questions embedded)`);
console.log(speedTable.toString());
console.log(annotationTable.toString());
console.log(embeddingTable.toString());
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written: ${opts.out}`);
