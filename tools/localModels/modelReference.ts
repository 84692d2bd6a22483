import { existsSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { INSTALL_MODELS_SCRIPT, modelsDir, readModelManifest } from "./manifest.js";

/** A local chat model as a run config names it, resolved on this machine. */
export interface LocalModelReference {
  /** What node-llama-cpp loads: a GGUF path, or an `hf:` reference it downloads on first use. */
  readonly reference: string;
  /** The file's identity (size and modification time, with the installed package): a replaced file is a different model to the response cache. */
  readonly identity: string;
  /** Quantization and origin, when the install script recorded them. */
  readonly quantization?: string;
  readonly origin?: string;
}

const isRemote = (model: string) => model.startsWith("hf:") || /^https?:\/\//.test(model);

/**
 * Resolves `model` of a `llama-cpp` config: the name of a model the install script put in the
 * models folder (its manifest), a `.gguf` file, or a Hugging Face reference (not checked here: it
 * is downloaded on first use, which needs network, and is known by its reference). Anything else is
 * a one-line ConfigError saying what to install or give.
 */
export function resolveLocalModel(model: string, dir = modelsDir()): LocalModelReference {
  if (isRemote(model)) return { reference: model, identity: model };
  const entry = readModelManifest(dir)?.models[model];
  if (entry) {
    if (entry.kind !== "chat") throw new ConfigError(`local model "${model}" is an ${entry.kind} model, not a chat model`);
    return { reference: entry.path, identity: fileIdentity(entry.path, entry.package), quantization: entry.quantization, origin: entry.model };
  }
  const path = isAbsolute(model) ? model : resolve(model);
  if (existsSync(path)) return { reference: realpathSync(path), identity: fileIdentity(path) };
  const installed = Object.entries(readModelManifest(dir)?.models ?? {})
    .filter(([, e]) => e.kind === "chat")
    .map(([name]) => name);
  throw new ConfigError(
    /[\\/]|\.gguf$/i.test(model)
      ? `llama-cpp model file not found: ${path}`
      : `llama-cpp model "${model}" is not installed (${installed.length > 0 ? `installed: ${installed.join(", ")}` : `run ${INSTALL_MODELS_SCRIPT}`}), and is no .gguf file or hf: reference`,
  );
}

function fileIdentity(path: string, origin?: string): string {
  const stat = statSync(path);
  return [origin ?? "", stat.size, Math.round(stat.mtimeMs)].join("|");
}
