import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { packageRoot } from "../cacheDir.js";

/** The script that installs the local models and writes the manifest. */
export const INSTALL_MODELS_SCRIPT = "scripts/install-models.sh";

const ModelEntrySchema = z.object({
  kind: z.enum(["chat", "embedding"]),
  format: z.enum(["gguf", "onnx"]),
  /** A GGUF file, or (ONNX) a transformers.js model folder. */
  path: z.string().min(1),
  model: z.string().min(1),
  quantization: z.string().min(1),
  bytes: z.number().int().positive(),
  package: z.string(),
  license: z.string(),
  dimensions: z.number().int().positive().optional(),
  file: z.string().optional(),
});
export type LocalModelEntry = z.infer<typeof ModelEntrySchema>;

const ManifestSchema = z.object({
  version: z.literal(1),
  models: z.record(z.string(), ModelEntrySchema),
  references: z.record(z.string(), z.string()).default({}),
});
export type LocalModelManifest = z.infer<typeof ManifestSchema>;

/** Names the install script gives the models it installs. */
export const LOCAL_MODELS = {
  smollm2: "smollm2-135m-instruct",
  gemma3: "gemma-3-270m",
  minilmGguf: "all-minilm-l6-v2-gguf",
  /** Opt-in: the same model with its layers in Q8_0, faster and within cosine 0.998 of sentence-transformers (README, "Embedding throughput"). */
  minilmQ8Gguf: "all-minilm-l6-v2-q8-gguf",
  minilmOnnx: "all-minilm-l6-v2",
} as const;

/** `$ACTIVEGRAPH_MODELS_DIR`, else `.models` in the package root (where the install script puts it). */
export function modelsDir(): string {
  if (process.env.ACTIVEGRAPH_MODELS_DIR) return process.env.ACTIVEGRAPH_MODELS_DIR;
  return join(packageRoot(), ".models");
}

/**
 * The installed models, or null when the install script has not run (or a file it names has
 * gone). A manifest that is there but malformed is an error naming the file and the field.
 */
export function readModelManifest(dir = modelsDir()): LocalModelManifest | null {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return null;
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue.path.join(".")}: ${issue.message} (rerun ${INSTALL_MODELS_SCRIPT})`);
  }
  const missing = Object.values(parsed.data.models).find((entry) => !existsSync(entry.path));
  return missing ? null : parsed.data;
}

/** One installed model, or a one-line error that says what to run. */
export function localModel(name: string, dir = modelsDir()): LocalModelEntry {
  const manifest = readModelManifest(dir);
  if (!manifest) throw new Error(`local model "${name}" is not installed: run ${INSTALL_MODELS_SCRIPT} (writes ${join(dir, "manifest.json")})`);
  const entry = manifest.models[name];
  if (!entry) throw new Error(`local model "${name}" is not in ${join(dir, "manifest.json")} (installed: ${Object.keys(manifest.models).join(", ")})`);
  return entry;
}

/** Why tests of real models skip, or null when they can run. */
export function localModelsMissing(dir = modelsDir()): string | null {
  if (readModelManifest(dir)) return null;
  return `real-model tests skipped: no models in ${dir}; run ${INSTALL_MODELS_SCRIPT} to install them`;
}
