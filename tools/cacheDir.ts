import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where activegraph keeps what it can rebuild (parsed corpora, vectors, indexes):
 * `$ACTIVEGRAPH_CACHE_DIR`, else node_modules/.cache/activegraph in the package root, found from
 * this file so that the cache is shared whatever the working directory.
 */
export function cacheDir(): string {
  if (process.env.ACTIVEGRAPH_CACHE_DIR) return process.env.ACTIVEGRAPH_CACHE_DIR;
  return join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", ".cache", "activegraph");
}
