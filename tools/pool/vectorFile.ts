import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Largest read per call: one readSync may not return more than 2 GiB. */
const CHUNK = 1 << 30;

/**
 * Raw little-endian float32 rows, no header (the row count and dimension are in the cache key's
 * metadata): a million 256-d vectors load at disk speed into one Float32Array, with no parsing and
 * no second copy.
 */
export function readVectorFile(path: string, floats: number): Float32Array | null {
  if (!existsSync(path)) return null;
  const fd = openSync(path, "r");
  try {
    if (fstatSync(fd).size !== floats * 4) return null;
    const out = new Float32Array(floats);
    const bytes = new Uint8Array(out.buffer);
    for (let at = 0; at < bytes.length; ) {
      const read = readSync(fd, bytes, at, Math.min(CHUNK, bytes.length - at), at);
      if (read <= 0) return null;
      at += read;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Writes the floats atomically: a crash leaves the old file or none, never half of one. */
export function writeVectorFile(path: string, data: Float32Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeAtomically(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

/** Another process reading the file meanwhile (runs sharing a cache) sees the old file or the new one, never an empty one. */
function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * A float file with its JSON description beside it (`<name>.f32`, `<name>.json`) in `dir`: read
 * back when the description says the floats are what is wanted (`floatsOf` gives their count, or
 * null when they are not), written floats first so a description never names a missing file.
 */
export function readDescribedFloats<M>(dir: string, name: string, floatsOf: (meta: M) => number | null): { data: Float32Array; meta: M } | null {
  const metaPath = join(dir, `${name}.json`);
  if (!existsSync(metaPath)) return null;
  const meta = JSON.parse(readFileSync(metaPath, "utf8")) as M;
  const floats = floatsOf(meta);
  const data = floats === null ? null : readVectorFile(join(dir, `${name}.f32`), floats);
  return data ? { data, meta } : null;
}

export function writeDescribedFloats(dir: string, name: string, data: Float32Array, meta: unknown): void {
  writeVectorFile(join(dir, `${name}.f32`), data);
  writeAtomically(join(dir, `${name}.json`), `${JSON.stringify(meta)}\n`);
}
