import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes each file under `dir` through a temporary file and a rename, so a crash leaves the old
 * file or the new one, never half of one.
 */
export function writeFiles(dir: string, files: ReadonlyArray<{ path: string; content: string }>): string[] {
  return files.map(({ path, content }) => {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, content);
    renameSync(tmp, target);
    return target;
  });
}
