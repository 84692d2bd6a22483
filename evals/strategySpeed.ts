/**
 * Speed and memory of the query strategies on synthetic pools (`npm run bench:strategies`): one
 * query of 25 from pools of 100k and 1M unit vectors (dimension 256, 10 classes), probabilities
 * from a softmax of a random linear model, a committee of 5 perturbed models, and a labeled set of
 * 500 (the labels before the last query of the benchmark protocol). Each pool size runs in its own
 * process, so its resident memory is its own. Prints a Markdown table.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { rowCount, type Vectors } from "../tools/linalg/dense.js";
import { ExactIndex } from "../tools/pool/exactIndex.js";
import { HnswIndex, hnswAvailable } from "../tools/pool/hnswIndex.js";
import type { VectorIndex } from "../tools/pool/vectorIndex.js";
import { rngFor } from "../tools/random.js";
import { getStrategy, query, STRATEGY_NAMES } from "../tools/strategies/registry.js";
import type { QueryInput } from "../tools/strategies/types.js";
import { linearSoftmax, randomLinearModels, syntheticVectors } from "./syntheticPool.js";

/** HNSW, or exact search where the optional hnswlib-node is missing. */
const buildIndex = (vectors: Vectors): VectorIndex => (hnswAvailable ? HnswIndex.build(vectors) : new ExactIndex(vectors));

const positive = (value: string) => {
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("not a positive integer.");
  return n;
};
const list = (value: string) => value.split(",").map(positive);

interface Options {
  sizes: number[];
  dim: number;
  classes: number;
  batch: number;
  labeled: number;
  committee: number;
  indexMax: number;
  seed: number;
  size?: number;
}

const program = new Command()
  .name("bench:strategies")
  .description("time one query of each strategy on synthetic pools, and the memory the pool vectors take")
  .option("--sizes <list>", "comma-separated pool sizes", list, [100_000, 1_000_000])
  .option("--dim <n>", "vector dimension", positive, 256)
  .option("--classes <n>", "classes", positive, 10)
  .option("--batch <n>", "items per query", positive, 25)
  .option("--labeled <n>", "labeled items (CoreSet's and CAL's reference set)", positive, 500)
  .option("--committee <n>", "committee members", positive, 5)
  .option("--index-max <n>", "largest pool to build an HNSW index for; strategies that need one are skipped above it", positive, 100_000)
  .option("--seed <n>", "seed", (v) => Number(v), 0)
  .option("--size <n>", "(internal) measure one pool size in this process and print JSON", positive)
  .parse();
const options = program.opts<Options>();

interface Measurement {
  n: number;
  vectorsMiB: number;
  rssBeforeMiB: number;
  rssWithVectorsMiB: number;
  peakRssMiB: number;
  generateMs: number;
  scoringMs: number;
  committeeScoringMs: number;
  indexBuildMs: number | null;
  neighborGraphMs: number | null;
  strategies: Record<string, number | null>;
}

const MiB = 1024 * 1024;

async function main(): Promise<void> {
  if (options.size) {
    process.stdout.write(`${JSON.stringify(await measure(options.size, options))}\n`);
    return;
  }
  const results: Measurement[] = [];
  for (const n of options.sizes) {
    process.stderr.write(`pool of ${n.toLocaleString("en")}…\n`);
    const argv = process.argv.slice(2).filter((arg, i, all) => arg !== "--sizes" && all[i - 1] !== "--sizes");
    const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), ...argv, "--size", String(n)], {
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`measuring a pool of ${n} failed (exit ${child.status ?? child.signal})`);
    results.push(JSON.parse(child.stdout.trim().split("\n").pop()!));
  }
  console.log(table(results, options));
}

async function measure(n: number, settings: Options): Promise<Measurement> {
  const { dim, classes, seed } = settings;
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  let peak = 0;
  const rss = () => {
    const value = process.memoryUsage().rss;
    peak = Math.max(peak, value);
    return value / MiB;
  };
  const timed = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    rss();
    return [result, ms];
  };

  // Warm up every strategy on a small pool first, so the timings below are of compiled code.
  await runAll(
    makeInput(syntheticVectors(5_000, dim, classes, seed + 1), 5_000, settings, buildIndex(syntheticVectors(5_000, dim, classes, seed + 1))),
    settings,
    () => {},
  );

  const rssBeforeMiB = rss();
  const [vectors, generateMs] = await timed(() => syntheticVectors(n, dim, classes, seed));
  const rssWithVectorsMiB = rss();
  log(`vectors: ${(vectors.data.byteLength / MiB).toFixed(0)} MiB, resident ${rssWithVectorsMiB.toFixed(0)} MiB (${rssBeforeMiB.toFixed(0)} before)`);

  let index: VectorIndex | undefined;
  let indexBuildMs: number | null = null;
  let neighborGraphMs: number | null = null;
  if (n <= settings.indexMax) {
    [index, indexBuildMs] = await timed(() => buildIndex(vectors));
    log(`${hnswAvailable ? "HNSW" : "exact (hnswlib-node is not installed)"} index built in ${(indexBuildMs / 1000).toFixed(1)} s`);
    [, neighborGraphMs] = await timed(() => index!.neighborGraph(20));
    log(`20-NN graph of the pool in ${(neighborGraphMs / 1000).toFixed(1)} s`);
  }
  const input = makeInput(vectors, n, settings, index);
  const [, scoringMs] = await timed(() => linearSoftmax(vectors, randomLinearModels(1, dim, classes, seed), classes, 4));
  const [, committeeScoringMs] = await timed(() => linearSoftmax(vectors, randomLinearModels(settings.committee, dim, classes, seed), classes, 4));
  log(`scoring: one model ${scoringMs.toFixed(0)} ms, committee of ${settings.committee} ${committeeScoringMs.toFixed(0)} ms`);
  const strategies = await runAll(input, settings, (name, ms) => {
    rss();
    log(`${name}: ${ms === null ? "skipped (no index)" : `${ms.toFixed(0)} ms`}`);
  });
  return {
    n,
    vectorsMiB: vectors.data.byteLength / MiB,
    rssBeforeMiB,
    rssWithVectorsMiB,
    peakRssMiB: peak / MiB,
    generateMs,
    scoringMs,
    committeeScoringMs,
    indexBuildMs,
    neighborGraphMs,
    strategies,
  };
}

function makeInput(vectors: Vectors, n: number, settings: Options, index?: VectorIndex): QueryInput {
  const { classes, seed } = settings;
  const rng = rngFor(seed, "labeled");
  const taken = new Uint8Array(n);
  for (let count = 0; count < Math.min(settings.labeled, n - settings.batch); ) {
    const i = rng.int(n);
    if (!taken[i]) {
      taken[i] = 1;
      count++;
    }
  }
  const labeled = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => taken[i]);
  const unlabeled = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => !taken[i]);
  const [probs] = linearSoftmax(vectors, randomLinearModels(1, vectors.dim, classes, seed), classes, 4);
  const committee = linearSoftmax(vectors, randomLinearModels(settings.committee, vectors.dim, classes, seed), classes, 4);
  if (rowCount(vectors) !== n) throw new Error("vectors and pool size disagree");
  return { candidates: unlabeled, labeled, probs, memberProbs: committee, vectors, index, numClasses: classes, rng: rngFor(seed, "query") };
}

async function runAll(input: QueryInput, settings: Options, report: (name: string, ms: number | null) => void): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const name of STRATEGY_NAMES) {
    if (getStrategy(name).needs.includes("index") && !input.index) {
      out[name] = null;
    } else {
      const started = performance.now();
      await query(name, { ...input, rng: rngFor(settings.seed, "query", name) }, settings.batch);
      out[name] = performance.now() - started;
    }
    report(name, out[name]);
  }
  return out;
}

const FAMILY: Record<string, string> = {
  random: "baseline",
  "least-confidence": "uncertainty",
  margin: "uncertainty",
  entropy: "uncertainty",
  "vote-entropy": "committee",
  "consensus-entropy": "committee",
  "kl-consensus": "committee",
  bald: "committee",
  coreset: "diversity",
  badge: "diversity",
  "information-density": "diversity (index)",
  contrastive: "diversity",
  "clustered-uncertainty": "diversity",
  "kmeans-centroids": "cold start",
  typiclust: "cold start (index)",
  probcover: "cold start (index)",
};

function table(results: readonly Measurement[], settings: Options): string {
  const seconds = (ms: number | null) => (ms === null ? "–" : (ms / 1000).toFixed(ms < 100 ? 3 : 2));
  const sizes = results.map((r) => (r.n >= 1e6 ? `${r.n / 1e6}M` : `${r.n / 1e3}k`));
  const lines = [
    `One query of ${settings.batch}; pool vectors of dimension ${settings.dim}, ${settings.classes} classes, ${settings.labeled} labeled items; times in seconds.`,
    "",
    `| strategy | family | ${sizes.join(" | ")} |`,
    `| --- | --- | ${sizes.map(() => "---:").join(" | ")} |`,
  ];
  for (const name of STRATEGY_NAMES) lines.push(`| ${name} | ${FAMILY[name] ?? ""} | ${results.map((r) => seconds(r.strategies[name])).join(" | ")} |`);
  const single = (r: Measurement) => r.scoringMs + (r.strategies.entropy ?? 0);
  const committee = (r: Measurement, name: string) => r.committeeScoringMs + (r.strategies[name] ?? 0);
  lines.push(
    `| *scoring: one model* | | ${results.map((r) => seconds(r.scoringMs)).join(" | ")} |`,
    `| *scoring: committee of ${settings.committee}* | | ${results.map((r) => seconds(r.committeeScoringMs)).join(" | ")} |`,
    `| *committee ÷ single (scoring + bald vs scoring + entropy)* | | ${results.map((r) => `${(committee(r, "bald") / single(r)).toFixed(2)}×`).join(" | ")} |`,
    `| *HNSW index build (once per pool, then reloaded)* | | ${results.map((r) => seconds(r.indexBuildMs)).join(" | ")} |`,
    `| *20-NN graph of the pool (once per run)* | | ${results.map((r) => seconds(r.neighborGraphMs)).join(" | ")} |`,
    `| *pool vectors (MiB)* | | ${results.map((r) => r.vectorsMiB.toFixed(0)).join(" | ")} |`,
    `| *resident memory with the vectors (MiB)* | | ${results.map((r) => r.rssWithVectorsMiB.toFixed(0)).join(" | ")} |`,
    `| *peak resident memory, whole benchmark (MiB)* | | ${results.map((r) => r.peakRssMiB.toFixed(0)).join(" | ")} |`,
  );
  return lines.join("\n");
}

await main();
