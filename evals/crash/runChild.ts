import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { KILL_AT_ENV, KILL_LOG_ENV, PROFILE_ENV, type KillPoint } from "./killPoint.js";

const CLI = fileURLToPath(new URL("../../bin/activegraph.ts", import.meta.url));
const KILL_SWITCH = fileURLToPath(new URL("./killSwitch.ts", import.meta.url));
/** Node's arguments before the CLI's own: the sources under tsx, with the kill switch loaded. */
export const FROM_SOURCES: readonly string[] = ["--import", "tsx", "--import", KILL_SWITCH, CLI];

export interface ChildRun {
  /** Died of SIGKILL at the kill point. */
  readonly killed: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Where the kill landed, as the child logged it (graph nodes running then). */
  readonly where?: { where: string; running: string[] };
}

export interface ChildOptions {
  readonly args: readonly string[];
  readonly killAt?: KillPoint;
  readonly killLog: string;
  readonly profile?: string;
  /** Plays the person at the terminal: the label to type for an item id. */
  readonly answer?: (id: string) => string;
  /** Called with a function that kills the child, for kill points the harness itself triggers (LLM requests). */
  readonly onStart?: (kill: () => void) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Node's arguments before the CLI's own (default FROM_SOURCES): the kill switch must be among them. */
  readonly launch?: readonly string[];
}

/**
 * Runs `activegraph run` as a user would (`node --import tsx bin/activegraph.ts`), with the kill
 * switch loaded, answering at the terminal when asked, and killing it with SIGKILL at the kill point.
 */
export function runChild(options: ChildOptions): Promise<ChildRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, [KILL_LOG_ENV]: options.killLog };
  delete env[KILL_AT_ENV];
  delete env[PROFILE_ENV];
  const point = options.killAt;
  if (point && (point.at === "node" || point.at === "checkpoint")) env[KILL_AT_ENV] = JSON.stringify(point);
  if (options.profile) env[PROFILE_ENV] = options.profile;
  const before = existsSync(options.killLog) ? readFileSync(options.killLog, "utf8").length : 0;
  const child = spawn(process.execPath, [...(options.launch ?? FROM_SOURCES), ...options.args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let answered = 0;
  let lastItem = "";
  const kill = () => child.kill("SIGKILL");
  options.onStart?.(kill);
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    stderr += text;
    if (!options.answer) return;
    // Each item is shown as "── round r · <id> (reason) ──", then a "label> " prompt.
    for (const match of text.matchAll(/── round \d+ · (\S+) \(|label> /g)) {
      if (match[1]) lastItem = match[1];
      else {
        child.stdin.write(`${options.answer(lastItem)}\n`);
        answered++;
        if (point?.at === "humanAnswer" && answered === point.occurrence) setTimeout(kill, point.afterMs);
      }
    }
  });
  child.stdin.on("error", () => undefined);
  if (!options.answer) child.stdin.end();
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const log = existsSync(options.killLog) ? readFileSync(options.killLog, "utf8").slice(before).trim() : "";
      const where = log ? (JSON.parse(log.split("\n").at(-1)!) as ChildRun["where"]) : undefined;
      resolve({ killed: signal === "SIGKILL", code, stdout, stderr, ...(where ? { where } : {}) });
    });
  });
}
