/**
 * Speed and memory of fitting LSA on a pool (`npm run bench:lsa`): synthetic TF-IDF rows of pools
 * of 25k, 100k and 1M items (20 distinct terms a row drawn from a Zipf law over a 50k-term
 * vocabulary, the shape of short texts; rows at unit length), the fit (randomized SVD, once per
 * pool) and the projection of every row. Each size runs in its own process, so the resident memory
 * it reports is its own. Prints a Markdown table.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { DEFAULT_LSA, LsaProjection } from "../tools/embed/lsa.js";
import type { CsrMatrix } from "../tools/linalg/csr.js";
import { mulberry32 } from "../tools/random.js";
import { positiveInteger, positiveIntegers } from "./cliArgs.js";

const program = new Command()
  .name("bench:lsa")
  .description("time fitting LSA on synthetic TF-IDF pools, and the memory it takes")
  .option("--sizes <list>", "comma-separated pool sizes", positiveIntegers, [25_000, 100_000, 1_000_000])
  .option("--dim <n>", "LSA dimensions", positiveInteger, DEFAULT_LSA.dim)
  .option("--vocabulary <n>", "terms", positiveInteger, 50_000)
  .option("--terms <n>", "distinct terms a row", positiveInteger, 20)
  .option("--size <n>", "(internal) measure one size in this process", positiveInteger)
  .parse();
const options = program.opts<{ sizes: number[]; dim: number; vocabulary: number; terms: number; size?: number }>();

/** Rows of `terms` distinct Zipf-drawn columns each, unit length: what TF-IDF of short texts looks like. */
function zipfRows(rows: number, vocabulary: number, terms: number, seed: number): CsrMatrix {
  const rng = mulberry32(seed);
  // Inverse CDF of Zipf(s = 1) over the vocabulary, by bisection on the cumulative weights.
  const cumulative = new Float64Array(vocabulary);
  let sum = 0;
  for (let t = 0; t < vocabulary; t++) cumulative[t] = sum += 1 / (t + 1);
  const draw = () => {
    const u = rng.next() * sum;
    let lo = 0;
    let hi = vocabulary - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const indptr = new Uint32Array(rows + 1);
  const indices = new Uint32Array(rows * terms);
  const values = new Float32Array(rows * terms);
  const row = new Set<number>();
  for (let i = 0; i < rows; i++) {
    row.clear();
    while (row.size < terms) row.add(draw());
    const columns = [...row].sort((a, b) => a - b);
    const weight = 1 / Math.sqrt(terms);
    columns.forEach((column, k) => {
      indices[i * terms + k] = column;
      values[i * terms + k] = weight;
    });
    indptr[i + 1] = (i + 1) * terms;
  }
  return { rows, cols: vocabulary, indptr, indices, values };
}

if (options.size) {
  const X = zipfRows(options.size, options.vocabulary, options.terms, 0);
  const started = performance.now();
  const lsa = LsaProjection.fit(X, { dim: options.dim, seed: 0 });
  const fitted = performance.now();
  lsa.transform(X);
  const projected = performance.now();
  const rssGiB = process.resourceUsage().maxRSS / 1024 / 1024;
  process.stdout.write(`${JSON.stringify({ size: options.size, fitS: (fitted - started) / 1000, projectS: (projected - fitted) / 1000, rssGiB })}\n`);
} else {
  const here = fileURLToPath(import.meta.url);
  const rows: string[] = [];
  for (const size of options.sizes) {
    process.stderr.write(`fitting LSA on ${size.toLocaleString("en-US")} synthetic rows…\n`);
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        here,
        "--size",
        String(size),
        "--dim",
        String(options.dim),
        "--vocabulary",
        String(options.vocabulary),
        "--terms",
        String(options.terms),
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    if (child.status !== 0) throw new Error(`bench:lsa: the ${size} run failed`);
    const m = JSON.parse(child.stdout.trim().split("\n").pop()!) as { fitS: number; projectS: number; rssGiB: number };
    rows.push(`| ${size.toLocaleString("en-US")} | ${m.fitS.toFixed(1)} | ${m.projectS.toFixed(2)} | ${m.rssGiB.toFixed(2)} |`);
  }
  const load = loadavg()[0].toFixed(1);
  process.stdout.write(
    [
      `LSA, ${options.dim} dimensions, synthetic rows of ${options.terms} terms over ${options.vocabulary.toLocaleString("en-US")} (load average ${load})`,
      "",
      "| pool | fit s | project s | peak RSS GiB |",
      "| ---: | ---: | ---: | ---: |",
      ...rows,
      "",
    ].join("\n"),
  );
}
