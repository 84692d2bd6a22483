import { readFileSync } from "node:fs";
import { z } from "zod";
import { INSTALL_MODELS_SCRIPT, readModelManifest } from "../tools/localModels/manifest.js";

/** Texts and the unit vectors sentence-transformers gave them (all-MiniLM-L6-v2, fp32 weights). */
const ReferenceVectorsSchema = z
  .object({ sentences: z.array(z.string()).min(1), vectors: z.array(z.array(z.number())).min(1) })
  .refine((reference) => reference.sentences.length === reference.vectors.length, { message: "one vector per sentence" });
export type ReferenceVectors = z.infer<typeof ReferenceVectorsSchema>;

function read(path: string | URL): ReferenceVectors {
  const parsed = ReferenceVectorsSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: not reference vectors (${parsed.error.issues[0].message})`);
  return parsed.data;
}

/**
 * What local embeddings are checked against: short sentences, written by the install script from
 * the model's fp32 weights, and long texts (69, 136 and 266 tokens: both attention kernels and the
 * 256-token cut), committed as test/fixtures/all-MiniLM-L6-v2.long.json with the command that made them.
 */
export function minilmReferenceVectors(): { readonly short: ReferenceVectors; readonly long: ReferenceVectors; readonly all: ReferenceVectors } {
  const path = readModelManifest()?.references["all-minilm-l6-v2"];
  if (!path) throw new Error(`no reference vectors for all-minilm-l6-v2: run ${INSTALL_MODELS_SCRIPT}`);
  const short = read(path);
  const long = read(new URL("../test/fixtures/all-MiniLM-L6-v2.long.json", import.meta.url));
  return { short, long, all: { sentences: [...short.sentences, ...long.sentences], vectors: [...short.vectors, ...long.vectors] } };
}
