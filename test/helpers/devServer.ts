import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, relative } from "node:path";
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
 * off, localhost) on this repo's graphs, and waits until /ok answers. The dev server keeps its
 * state in `.langgraph_api` beside its langgraph.json, so the test gets a copy of langgraph.json in
 * `dir`, pointing at the repo's graphs: its state stays in `dir`.
 */
export async function startDevServer(dir: string, port: number): Promise<{ url: string; stop: () => Promise<void>; log: () => string }> {
  const config = JSON.parse(readFileSync(join(ROOT, "langgraph.json"), "utf8")) as { graphs: Record<string, string> };
  // Paths in langgraph.json are relative to it.
  for (const [name, target] of Object.entries(config.graphs)) config.graphs[name] = `./${relative(dir, join(ROOT, target))}`;
  writeFileSync(join(dir, "langgraph.json"), JSON.stringify({ ...config, dependencies: [ROOT] }));
  const bin = `${ROOT}/node_modules/.bin/langgraphjs`;
  const child: ChildProcess = spawn(bin, ["dev", "--no-browser", "--host", "localhost", "--port", String(port), "--config", join(dir, "langgraph.json")], {
    cwd: dir,
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
  // The CLI alone gets SIGINT: it stops its server, which writes its state to disk on the way
  // out, then closes its port. A SIGKILL in the middle of that write would truncate the file (and
  // lose the threads' checkpoints), so the server gets all the time it needs: it is gone when its
  // port refuses connections (a request that times out may be one the write keeps waiting), and
  // gets SIGKILL only as a last resort.
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      child.kill("SIGINT");
      await exited;
    }
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        await fetch(`${url}/ok`, { signal: AbortSignal.timeout(1000) });
      } catch (error) {
        if (!(error instanceof DOMException && error.name === "TimeoutError")) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  // Once: called again (a test's cleanup after the test stopped it), it would poll a port that a
  // restarted server answers by then, for the whole 30 s, and SIGKILL a group that is gone.
  let stopped: Promise<void> | undefined;
  return { url, log: () => output, stop: () => (stopped ??= stop()) };
}
