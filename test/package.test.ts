import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_TEST, FIXTURE_TRAIN, FIXTURE_DATA } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/tmp.js";

const ROOT = resolve(import.meta.dirname, "..");

/**
 * activegraph as a user gets it: `npm pack` (which builds dist/), the tarball unpacked as a
 * dependency of a fresh project, and used there from plain Node ESM (no tsx), from a TypeScript
 * consumer type-checked against the shipped declarations, and from its binary. The project's
 * other dependencies are linked from this checkout, so the test needs no network and no install;
 * `scripts/check-package.sh` (run by CI) does the same with a real `npm install` of the tarball.
 */
describe("the npm package", () => {
  const project = tempDir("activegraph-consumer-");
  let files: string[] = [];

  beforeAll(() => {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", project], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
    );
    files = packed[0].files.map((file: { path: string }) => file.path);
    const modules = join(project, "node_modules");
    mkdirSync(join(modules, "activegraph"), { recursive: true });
    execFileSync("tar", ["xzf", join(project, packed[0].filename), "-C", join(modules, "activegraph"), "--strip-components", "1"]);
    for (const name of readdirSync(join(ROOT, "node_modules"))) {
      if (name.startsWith(".") || name === "activegraph") continue;
      symlinkSync(join(ROOT, "node_modules", name), join(modules, name));
    }
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  }, 240_000);

  it("ships compiled JavaScript with declarations, and no TypeScript sources, tests or benchmarks", () => {
    expect(files).toContain("dist/api/index.js");
    expect(files).toContain("dist/api/index.d.ts");
    expect(files).toContain("dist/bin/activegraph.js");
    // The labelling page, built: served without esbuild or Preact installed.
    for (const file of ["index.html", "app.css", "app.js"]) expect(files).toContain(`dist/bin/label/web/${file}`);
    expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((file) => /\.test\.|^test\/|^evals\//.test(file))).toEqual([]);
  });

  it("runs a three-round loop from plain Node ESM", () => {
    const script = `
      import { MemorySaver } from "@langchain/langgraph";
      import { parseRunConfig, runThread } from "activegraph";
      import { STRATEGY_NAMES } from "activegraph/strategies";
      import { LEARNING_CRITERION_NAMES } from "activegraph/stopping";
      import { PRICE_TABLE } from "activegraph/llm";
      const config = parseRunConfig({ dataset: { train: ${JSON.stringify(FIXTURE_TRAIN)}, test: ${JSON.stringify(FIXTURE_TEST)} }, batchSize: 10, initial: { size: 10 }, stopping: { maxRounds: 2 } });
      const { state } = await runThread({ threadId: "t", checkpointer: new MemorySaver(), config });
      console.log(JSON.stringify({ rounds: state.history.length, labels: state.labels.length, margin: STRATEGY_NAMES.includes("margin"), kappa: LEARNING_CRITERION_NAMES.includes("kappa"), priced: "gpt-4o" in PRICE_TABLE }));
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, ACTIVEGRAPH_CACHE_DIR: join(project, "cache") },
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ rounds: 3, labels: 30, margin: true, kappa: true, priced: true });
  });

  it("type-checks a TypeScript consumer against the shipped declarations", () => {
    writeFileSync(
      join(project, "consumer.ts"),
      `import { type RunConfig, parseRunConfig, registerStrategy, runThread } from "activegraph";
import { query, type QueryMethod } from "activegraph/strategies";
import { decideStop } from "activegraph/stopping";
const config: RunConfig = parseRunConfig({ dataset: { train: "train.jsonl" }, stopping: { maxLabels: 10 } });
const mine: QueryMethod = { name: "first", summary: "the first candidates", reference: "-", needs: [], query: async (input, k) => input.candidates.slice(0, k) };
registerStrategy(mine);
const labels: number = (await runThread({ threadId: "t", checkpointer: undefined as never, config })).state.labels.length;
void query; void decideStop; void labels;
`,
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ["consumer.ts"],
      }),
    );
    const check = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", project], { encoding: "utf8" });
    expect(check.stdout + check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("runs the activegraph binary, compiled, without tsx", () => {
    const bin = join(project, "node_modules", "activegraph", "dist", "bin", "activegraph.js");
    expect(existsSync(bin)).toBe(true);
    const out = join(project, "runs");
    const run = spawnSync(process.execPath, [bin, "run", ...FIXTURE_DATA, "--max-labels", "20", "--batch-size", "10", "--out", out, "--quiet"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, ACTIVEGRAPH_CACHE_DIR: join(project, "cache"), NODE_OPTIONS: "" },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("stopped: reached 20 labels");
  });
});
