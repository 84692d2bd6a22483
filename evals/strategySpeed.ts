/**
 * Speed and memory of the query strategies on synthetic pools (`npm run bench:strategies`): rounds
 * of one query of 25 from pools of 25k, 100k and 1M unit vectors (dimension 256, 10 classes),
 * probabilities from a softmax of a random linear model, a committee of 5 perturbed models, and a
 * labeled set of 500 (the labels before the last query of the benchmark protocol) that grows by
 * each round's picks. A strategy's first round builds what it keeps for the pool (TypiClust's and
 * ProbCover's large-pool structures); its later rounds reuse it, and the table gives both. The
 * pool partition and approximate k-NN graph those two share are timed once, on their own row.
 * Each pool size runs in its own process, so its resident memory is its own. Prints a Markdown table.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { rowCount, type Vectors } from "../tools/linalg/dense.js";
import { ExactIndex } from "../tools/pool/exactIndex.js";
import { HnswIndex, hnswAvailable } from "../tools/pool/hnswIndex.js";
import { LazyIndex } from "../tools/pool/lazyIndex.js";
import type { VectorIndex } from "../tools/pool/vectorIndex.js";
import { approximateGraphOf, largePool, partitionOf } from "../tools/strategies/poolGraph.js";
import { TYPICLUST } from "../tools/strategies/typiclust.js";
import { rngFor } from "../tools/random.js";
import { getStrategy, query } from "../tools/strategies/registry.js";
import type { QueryInput } from "../tools/strategies/types.js";
import { linearSoftmax, randomLinearModels, syntheticVectors } from "./syntheticPool.js";
import { speedTable, TIMED_STRATEGIES, type Measurement, type StrategyTiming } from "./strategySpeedTable.js";
import { positiveInteger, positiveIntegers } from "./cliArgs.js";

/** HNSW, or exact search where the optional hnswlib-node is missing. */
const buildIndex = (vectors: Vectors): VectorIndex => (hnswAvailable ? HnswIndex.build(vectors) : new ExactIndex(vectors));

interface Options {
  sizes: number[];
  dim: number;
  classes: number;
  batch: number;
  labeled: number;
  committee: number;
  rounds: number;
  indexMax: number;
  seed: number;
  strategies: string[];
  size?: number;
}

const program = new Command()
  .name("bench:strategies")
  .description("time one query of each strategy on synthetic pools, and the memory the pool vectors take")
  .option("--sizes <list>", "comma-separated pool sizes", positiveIntegers, [25_000, 100_000, 1_000_000])
  .option("--dim <n>", "vector dimension", positiveInteger, 256)
  .option("--classes <n>", "classes", positiveInteger, 10)
  .option("--batch <n>", "items per query", positiveInteger, 25)
  .option("--labeled <n>", "labeled items (CoreSet's and CAL's reference set)", positiveInteger, 500)
  .option("--committee <n>", "committee members", positiveInteger, 5)
  .option("--rounds <n>", "query rounds per strategy (the first builds what the strategy keeps for the pool)", positiveInteger, 3)
  .option("--index-max <n>", "largest pool to build an HNSW index for; strategies that need one are skipped above it", positiveInteger, 100_000)
  .option("--seed <n>", "seed", (v) => Number(v), 0)
  .option("--strategies <names>", "comma-separated strategies to time (default: every built-in that asks no LLM)", (v) => v.split(","), [...TIMED_STRATEGIES])
  .option("--size <n>", "(internal) measure one pool size in this process and print JSON", positiveInteger)
  .parse();
const options = program.opts<Options>();

const MiB = 1024 * 1024;

async function main(): Promise<void> {
  for (const name of options.strategies) {
    if (!(TIMED_STRATEGIES as readonly string[]).includes(name))
      throw new InvalidArgumentError(`--strategies: "${name}" is not timed here (known: ${TIMED_STRATEGIES.join(", ")})`);
  }
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
  console.log(speedTable(results, options));
}

async function measure(n: number, settings: Options): Promise<Measurement> {
  const { dim, classes, seed } = settings;
  const loadAtStart = loadavg()[0];
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

  let index: VectorIndex;
  let indexBuildMs: number | null = null;
  let neighborGraphMs: number | null = null;
  if (n <= settings.indexMax) {
    [index, indexBuildMs] = await timed(() => buildIndex(vectors));
    log(`${hnswAvailable ? "HNSW" : "exact (hnswlib-node is not installed)"} index built in ${(indexBuildMs / 1000).toFixed(1)} s`);
    [, neighborGraphMs] = await timed(() => index.neighborGraph(20));
    log(`20-NN graph of the pool in ${(neighborGraphMs / 1000).toFixed(1)} s`);
  } else {
    // Not built here: a strategy that searches it is skipped at this size.
    index = new LazyIndex("hnsw", n, () => {
      throw new SkipError(`needs the HNSW index, not built above --index-max ${settings.indexMax}`);
    });
  }
  let partitionMs: number | null = null;
  let poolGraphMs: number | null = null;
  if (largePool(vectors)) {
    // TypiClust's partition, and the graph's (its own at this size's cell count, or the same one).
    [, partitionMs] = await timed(() => partitionOf(vectors, TYPICLUST.cells));
    [, poolGraphMs] = await timed(() => approximateGraphOf(vectors, 20));
    log(`large-pool partition ${(partitionMs / 1000).toFixed(1)} s, approximate 20-NN graph ${(poolGraphMs / 1000).toFixed(1)} s`);
  }
  const input = makeInput(vectors, n, settings, index);
  const [, scoringMs] = await timed(() => linearSoftmax(vectors, randomLinearModels(1, dim, classes, seed), classes, 4));
  const [, committeeScoringMs] = await timed(() => linearSoftmax(vectors, randomLinearModels(settings.committee, dim, classes, seed), classes, 4));
  log(`scoring: one model ${scoringMs.toFixed(0)} ms, committee of ${settings.committee} ${committeeScoringMs.toFixed(0)} ms`);
  const strategies = await runAll(input, settings, (name, timing) => {
    rss();
    log(
      `${name}: ${"skipped" in timing ? `skipped (${timing.skipped})` : `first round ${timing.firstMs.toFixed(0)} ms, later rounds ${timing.roundMs.toFixed(0)} ms, peak ${timing.peakRssMiB.toFixed(0)} MiB`}`,
    );
  });
  return {
    n,
    load: [loadAtStart, loadavg()[0]],
    vectorsMiB: vectors.data.byteLength / MiB,
    rssBeforeMiB,
    rssWithVectorsMiB,
    peakRssMiB: peak / MiB,
    generateMs,
    scoringMs,
    committeeScoringMs,
    indexBuildMs,
    neighborGraphMs,
    partitionMs,
    poolGraphMs,
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

class SkipError extends Error {}

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/**
 * Each strategy for `settings.rounds` rounds, as a run would call it: the picks of a round join the
 * labeled set and leave the candidates. The first round is reported apart from the median of the
 * others, and the process's peak resident memory as of the strategy's last round.
 */
async function runAll(input: QueryInput, settings: Options, report: (name: string, timing: StrategyTiming) => void): Promise<Record<string, StrategyTiming>> {
  const out: Record<string, StrategyTiming> = {};
  for (const name of settings.strategies) {
    const needsIndex = getStrategy(name).needs.includes("index");
    let labeled = input.labeled ?? new Uint32Array(0);
    let candidates = input.candidates;
    const times: number[] = [];
    try {
      for (let round = 0; round < settings.rounds; round++) {
        const started = performance.now();
        const picks = await query(name, { ...input, candidates, labeled, rng: rngFor(settings.seed, "query", name, round) }, settings.batch);
        times.push(performance.now() - started);
        const picked = new Set(picks);
        labeled = Uint32Array.from([...labeled, ...picks]).sort();
        candidates = candidates.filter((item) => !picked.has(item));
      }
      const peakRssMiB = process.resourceUsage().maxRSS / 1024;
      out[name] = { firstMs: times[0], roundMs: times.length > 1 ? median(times.slice(1)) : times[0], peakRssMiB };
    } catch (error) {
      if (!(error instanceof SkipError) || !needsIndex) throw error;
      out[name] = { skipped: error.message };
    }
    report(name, out[name]);
  }
  return out;
}

await main();
