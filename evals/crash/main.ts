/**
 * `npm run bench:crash`: kills `activegraph run` with SIGKILL at random points over every stage,
 * on SQLite and PostgreSQL, resumes each thread to its end with the CLI, and prints what was lost,
 * what differs from the uninterrupted run, and what the provider billed against what the ledger
 * counted. Exits 1 when a target is missed.
 *
 *   npm run bench:crash -- [--kills 60] [--backends sqlite,postgres] [--scenarios oracle,human]
 *                          [--parallel 2] [--seed 1] [--out results/crash] [--postgres <url>] [--kills-per-thread 1,3]
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { crashReport, targetsMet, totals } from "./crashReport.js";
import { runCrashHarness, type Backend } from "./harness.js";
import { SCENARIOS } from "./scenarios.js";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "60" },
    backends: { type: "string", default: "sqlite,postgres" },
    scenarios: { type: "string" },
    parallel: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: "results/crash" },
    postgres: { type: "string" },
    "kills-per-thread": { type: "string", default: "1,3" },
  },
});

let backends = values.backends!.split(",") as Backend[];
let postgresUrl = values.postgres ?? process.env.ACTIVEGRAPH_TEST_POSTGRES_URL;
if (backends.includes("postgres") && !postgresUrl) {
  try {
    const script = fileURLToPath(new URL("../../scripts/postgres-test-db.sh", import.meta.url));
    postgresUrl = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
      .trim()
      .split("\n")
      .at(-1);
  } catch {
    console.warn("PostgreSQL skipped: scripts/postgres-test-db.sh could not start a database (pass --postgres <url>)");
    backends = backends.filter((backend) => backend !== "postgres");
  }
}
const scenarios = values.scenarios ? SCENARIOS.filter((s) => values.scenarios!.split(",").includes(s.name)) : SCENARIOS;
rmSync(values.out!, { recursive: true, force: true });
const started = Date.now();
const outcomes = await runCrashHarness({
  backends,
  postgresUrl,
  scenarios,
  kills: Number(values.kills),
  killsPerThread: values["kills-per-thread"]!.split(",").map(Number) as [number, number],
  parallel: Number(values.parallel),
  seed: Number(values.seed),
  workDir: values.out!,
  log: (line) => console.error(line),
});
const command = `npm run bench:crash -- ${process.argv.slice(2).join(" ")}`.trim();
console.log(crashReport(outcomes, command));
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(targetsMet(totals(outcomes)) ? 0 : 1);
