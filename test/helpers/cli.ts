import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import type { RunConfigInput } from "../../runtime/config/runConfig.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI_ENTRY = join(ROOT, "bin", "activegraph.ts");
/**
 * `node --import tsx`, not the tsx wrapper: the wrapper runs the CLI in a second process, which a
 * SIGKILL sent to the wrapper would not reach.
 */
export const NODE_TSX = [process.execPath, "--import", "tsx"] as const;
/** The CLI as `npm run activegraph` runs it: the sources under tsx. */
export const CLI_FROM_SOURCES: readonly string[] = [...NODE_TSX, CLI_ENTRY];

const compiled = inject("compiledSources");
/**
 * The compiled copy of a module of the repository (`bin/activegraph.ts` → …/bin/activegraph.js),
 * which plain Node runs a second of CPU faster than tsx the source (test/helpers/compiledSources.ts,
 * which says what the copy holds); undefined when the test run made no copy.
 */
export function compiledPath(source: string): string | undefined {
  return compiled ? join(compiled, source.replace(/\.ts$/, ".js")) : undefined;
}
/** The command that runs a script of the repository in a test: its compiled copy, else the source under tsx. */
export function scriptCommand(source: string): readonly string[] {
  const path = compiledPath(source);
  return path ? [process.execPath, path] : [...NODE_TSX, join(ROOT, source)];
}
/** The CLI as the tests start it. */
export const CLI = scriptCommand("bin/activegraph.ts");
/** The crash harness's children (evals/crash/runChild.ts `launch`): the CLI and its kill switch, compiled; undefined (from the sources) without the copy. */
export const CRASH_CHILD: readonly string[] | undefined = compiled
  ? ["--import", compiledPath("evals/crash/killSwitch.ts")!, compiledPath("bin/activegraph.ts")!]
  : undefined;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the activegraph CLI in a child process, as a user would (`command`: how it is started). */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string, command: readonly string[] = CLI): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], [...command.slice(1), ...args], {
      env: { ...process.env, ...env },
      stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI and kills it with SIGKILL once its stderr shows `marker`; resolves with the signal it died of. */
export function cliKilledAt(args: string[], marker: string): Promise<NodeJS.Signals | null> {
  const child = spawn(CLI[0], [...CLI.slice(1), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve) => {
    let seen = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(marker)) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => resolve(signal));
  });
}

/**
 * Starts a long-running CLI command (a server) and resolves once its stdout matches `ready`, with
 * the match; the test stops it (SIGINT, as Ctrl-C would).
 */
export function cliServing(args: string[], ready: RegExp): Promise<{ match: RegExpExecArray; child: ChildProcess; stderr: () => string }> {
  const child = spawn(CLI[0], [...CLI.slice(1), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = ready.exec(stdout);
      if (match) resolve({ match, child, stderr: () => stderr });
    });
    child.on("exit", (code) => reject(new Error(`activegraph ${args[0]} exited with ${code}:\n${stderr}`)));
  });
}

/** An LLM annotator behind an OpenAI-compatible server (in tests, a loopback one the test wrote), as CLI arguments. */
export const openAiAnnotator = (baseUrl: string): string[] => ["--annotator", "llm", "--llm-provider", "openai", "--llm-base-url", baseUrl];

const KILL_AT_PUT = scriptCommand("test/helpers/killAtPut.ts");

/** Runs a thread in a child process whose SqliteSaver SIGKILLs it as it is about to store step `step`'s checkpoint (test/helpers/killAtPut.ts); resolves with the signal it died of. */
export function runKilledAtPut(db: string, threadId: string, step: number, config: RunConfigInput): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(KILL_AT_PUT[0], [...KILL_AT_PUT.slice(1), db, threadId, String(step), JSON.stringify(config)], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => resolve(signal));
  });
}
