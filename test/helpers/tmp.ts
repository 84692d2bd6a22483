import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temporary folder for one test. */
export function tempDir(prefix = "activegraph-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `content` to `name` in `dir` and returns the path. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
