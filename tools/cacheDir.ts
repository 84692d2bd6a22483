import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where activegraph keeps what it can rebuild (parsed corpora, vectors, indexes, LLM responses):
 * `$ACTIVEGRAPH_CACHE_DIR`, else node_modules/.cache/activegraph in activegraph's package root,
 * found by walking up from this file (to the repository from source, to the installed package from
 * dist/), so that the cache is shared whatever the working directory.
 */
export function cacheDir(): string {
  if (process.env.ACTIVEGRAPH_CACHE_DIR) return process.env.ACTIVEGRAPH_CACHE_DIR;
  return join(packageRoot(), "node_modules", ".cache", "activegraph");
}

/** activegraph's package root: the repository from source, the installed package from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
