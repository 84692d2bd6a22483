import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder of the compiled sources (bin/activegraph.js, evals/bench.js…), for test/helpers/cli.ts. */
    compiledSources: string;
  }
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The page's sources: bundled by the label command itself when it serves them (bin/label/bundle.ts). */
const PAGE = join("bin", "label", "web");

/**
 * Vitest's global setup: activegraph's sources compiled once a test run, file by file, as tsx
 * compiles them (esbuild, with the repository's tsconfig.json, for this Node), for the tests that
 * start the CLI or a benchmark to run it with plain Node. Under `node --import tsx` every one of
 * the 1,200 modules the CLI loads passes through Node's module hooks on another thread: about a
 * second of CPU each start, and the tests start it some seventy times. The copy lives under node_modules/.cache, so
 * the CLI finds the repository (its cache, its dependencies) as it does from the sources; it is
 * rebuilt when watch mode reruns tests, and removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  // One copy a test run, named for its process: a run killed before its teardown leaves its copy,
  // which the next run removes.
  for (const entry of readdirSync(cache)) {
    const pid = Number(PREFIX.exec(entry)?.[1]);
    if (pid && !alive(pid)) rmSync(join(cache, entry), { recursive: true, force: true });
  }
  const out = join(cache, `activegraph-test-sources-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  await compile(out);
  mkdirSync(join(out, "bin", "label"), { recursive: true });
  symlinkSync(join(ROOT, PAGE), join(out, PAGE));
  project.provide("compiledSources", out);
  project.onTestsRerun(() => compile(out));
  return () => rmSync(out, { recursive: true, force: true });
}

const PREFIX = /^activegraph-test-sources-(\d+)$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The package's folders (tsconfig.build.json), the benchmarks' and the tests' helpers (scripts some
 * tests run as processes), without test files and the page's sources. Only TypeScript is copied
 * (and the page, linked): a module that reads a file beside it (the crash harness's fixtures, the
 * peer's Python script) runs from its sources.
 */
function sources(): string[] {
  const { include } = JSON.parse(readFileSync(join(ROOT, "tsconfig.build.json"), "utf8")) as { include: string[] };
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== PAGE) walk(path);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts")) files.push(path);
    }
  };
  for (const dir of [...include, "evals", join("test", "helpers")]) walk(dir);
  return files;
}

async function compile(out: string): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: sources(),
    outdir: out,
    outbase: ".",
    format: "esm",
    platform: "node",
    // tsx's settings: this Node's syntax, names kept.
    target: `node${process.versions.node}`,
    keepNames: true,
    logLevel: "error",
  });
}
