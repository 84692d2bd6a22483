import { ConfigError } from "../errors.js";
import { INSTALL_MODELS_SCRIPT, readModelManifest } from "../localModels/manifest.js";
import { LOCAL_EMBEDDINGS_VERSION, LocalEmbeddings } from "./localEmbeddings.js";

const loaded = new Map<string, LocalEmbeddings>();

/**
 * The sentence-embedding model scripts/install-models.sh installed under `name` (its name in
 * .models/manifest.json), one instance per name per process; null when no model of that name is
 * installed and the install script was run. A missing install, or a model that is not a GGUF
 * embedding model, is a one-line ConfigError saying what to do.
 */
export function installedEmbeddings(name: string, options: { readonly threads?: number } = {}): LocalEmbeddings | null {
  const existing = loaded.get(name);
  if (existing) return existing;
  const manifest = readModelManifest();
  if (!manifest)
    throw new ConfigError(`embeddings "${name}": no Embeddings registered under that name and no local models installed; run ${INSTALL_MODELS_SCRIPT}`);
  const entry = manifest.models[name];
  if (!entry) return null;
  if (entry.kind !== "embedding") throw new ConfigError(`embeddings "${name}": ${entry.model} is a ${entry.kind} model, not a sentence-embedding model`);
  if (entry.format !== "gguf") {
    const gguf = Object.entries(manifest.models).find(([, other]) => other.kind === "embedding" && other.format === "gguf")?.[0];
    throw new ConfigError(`embeddings "${name}": ${entry.format} models are not run in-process${gguf ? `; use "${gguf}" (the same model as GGUF)` : ""}`);
  }
  const embeddings = new LocalEmbeddings({ model: entry.path, threads: options.threads });
  loaded.set(name, embeddings);
  return embeddings;
}

/** The names of the installed sentence-embedding models (none when the install script has not run). */
export function installedEmbeddingNames(): string[] {
  const manifest = readModelManifest();
  return manifest ? Object.entries(manifest.models).flatMap(([name, entry]) => (entry.kind === "embedding" && entry.format === "gguf" ? [name] : [])) : [];
}

/**
 * The weights an installed model's name stands for (package and size) and how its vectors are
 * computed (LOCAL_EMBEDDINGS_VERSION), or nothing when it is not installed.
 */
export function installedEmbeddingWeights(name: string): { readonly weights?: string; readonly computed?: number } {
  const entry = readModelManifest()?.models[name];
  return entry ? { weights: `${entry.package}|${entry.quantization}|${entry.bytes}`, computed: LOCAL_EMBEDDINGS_VERSION } : {};
}
