import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../../tools/errors.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./small_text_peer.py", import.meta.url));

/** The script that makes the peer's virtualenv; named in every message about a missing peer. */
export const INSTALL_PEERS = "scripts/install-peers.sh";

/** The Python of the peer's virtualenv: `$ACTIVEGRAPH_PEERS_VENV` or `.venv-peers` in the repository. */
export function peerPythonPath(): string {
  return `${process.env.ACTIVEGRAPH_PEERS_VENV ?? `${ROOT}.venv-peers`}/bin/python`;
}

export function peerInstalled(): boolean {
  return existsSync(peerPythonPath());
}

/** Refuses, with the command that fixes it, when the peer is not installed. */
export function requirePeer(): string {
  const python = peerPythonPath();
  if (!existsSync(python)) throw new ConfigError(`the small-text peer is not installed (no ${python}): run bash ${INSTALL_PEERS}`);
  return python;
}

export interface PeerRunOptions {
  /** Pin numpy/BLAS to one thread, for runs that share the cores with other workers. */
  readonly singleThread?: boolean;
}

/**
 * Runs small_text_peer.py in `mode` with `job` on stdin, and hands each JSON line it prints to
 * `onLine` as it comes (a cell is recorded as soon as it finishes). Rejects with the peer's own
 * error line, or the end of its stderr, when it exits non-zero.
 */
export async function runSmallText(mode: "run" | "speed", job: unknown, onLine: (value: unknown) => void, options: PeerRunOptions = {}): Promise<void> {
  const python = requirePeer();
  const threads = options.singleThread ? { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" } : {};
  const child = spawn(python, [SCRIPT, mode], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...threads, PYTHONUNBUFFERED: "1" } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let peerError: string | null = null;
  let callbackError: unknown = null;
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => {
    if (line.trim().length === 0 || callbackError) return;
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === "object" && "error" in value) peerError = String((value as { error: unknown }).error);
      else onLine(value);
    } catch (error) {
      callbackError = error;
      child.kill();
    }
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  child.stdin.on("error", () => {}); // a peer that dies early closes its stdin: the exit code tells why
  child.stdin.end(JSON.stringify(job));
  const code = await exited;
  if (callbackError) throw callbackError;
  if (code !== 0) throw new Error(`small-text peer (${mode}) failed: ${peerError ?? `exit ${code}; ${stderr.trim().split("\n").slice(-5).join(" | ")}`}`);
}
