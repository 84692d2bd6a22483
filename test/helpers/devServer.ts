import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts the LangGraph API server as `npm run serve` does (langgraphjs dev, no browser, analytics
 * off, localhost) on this repo's langgraph.json, but in `cwd`, where the dev server keeps its
 * state, and waits until /ok answers.
 */
export async function startDevServer(cwd: string, port: number): Promise<{ url: string; stop: () => Promise<void>; log: () => string }> {
  const bin = `${ROOT}/node_modules/.bin/langgraphjs`;
  const child: ChildProcess = spawn(bin, ["dev", "--no-browser", "--host", "localhost", "--port", String(port), "--config", `${ROOT}/langgraph.json`], {
    cwd,
    env: { ...process.env, LANGSMITH_TRACING: "false", LANGGRAPH_CLI_NO_ANALYTICS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    try {
      if ((await fetch(`${url}/ok`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start in 120 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.on("exit", () => {
          // The server child, should the CLI have left it behind.
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            // the group is gone
          }
          resolve();
        });
        // The CLI alone: it shuts its server down, which writes its state to disk on the way out.
        child.kill("SIGINT");
        setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            // already gone
          }
        }, 15_000);
      }),
  };
}
