import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import type { Llama, LlamaModel } from "node-llama-cpp";

/** node-llama-cpp is an optional dependency: importing this file never loads it. */
export type NodeLlamaCpp = typeof import("node-llama-cpp");

export const NODE_LLAMA_CPP_VERSION = "3.21.1";

/** Thrown when a local model is asked for and node-llama-cpp is not installed. */
export class NodeLlamaCppMissingError extends Error {
  override readonly name = "NodeLlamaCppMissingError";
  constructor(cause: unknown) {
    super(
      `local GGUF models need node-llama-cpp, which is not installed: run \`npm install -E node-llama-cpp@${NODE_LLAMA_CPP_VERSION}\` (an optional peer dependency of activegraph)`,
      { cause },
    );
  }
}

let library: Promise<NodeLlamaCpp> | null = null;

/** The node-llama-cpp module, imported on first use; a one-line error when it is missing. */
export function nodeLlamaCpp(): Promise<NodeLlamaCpp> {
  library ??= import("node-llama-cpp").catch((error: unknown) => {
    library = null;
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") throw new NodeLlamaCppMissingError(error);
    throw error;
  });
  return library;
}

let runtime: Promise<Llama> | null = null;

/**
 * The one llama.cpp runtime of the process, on the CPU. `build: "never"`: the prebuilt binary that
 * npm installed is used, or loading fails; node-llama-cpp never tries to compile llama.cpp or
 * download a build at run time (no network here, and a build takes minutes). GPU builds are not
 * installed (see package.json overrides), so the GPU is not probed either.
 */
export function llamaRuntime(): Promise<Llama> {
  runtime ??= nodeLlamaCpp()
    .then(({ getLlama, LlamaLogLevel }) => getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error, progressLogs: false }))
    .catch((error: unknown) => {
      runtime = null;
      throw error;
    });
  return runtime;
}

/**
 * Where a model reference points: a local GGUF path as given (resolved), or a Hugging Face
 * reference (`hf:<user>/<repo>/<file>.gguf`, or `hf:<user>/<repo>:<quant>`) that node-llama-cpp
 * downloads into `directory` on first use and finds there afterwards. The download needs network;
 * on machines without it, install the file and give its path.
 */
export async function resolveModelReference(reference: string, directory?: string): Promise<string> {
  if (!reference.startsWith("hf:") && !/^https?:\/\//.test(reference)) {
    const path = resolve(reference);
    if (!existsSync(path)) throw new Error(`model file not found: ${path}`);
    return realpathSync(path);
  }
  const { resolveModelFile } = await nodeLlamaCpp();
  return resolveModelFile(reference, { directory, cli: false, verify: false });
}

const models = new Map<string, Promise<LlamaModel>>();

export interface LoadedModelOptions {
  /**
   * Flash attention in the contexts made from this model (node-llama-cpp's `defaultContextFlashAttention`;
   * default "auto"). A file loaded with two settings is mapped twice and shares its pages.
   */
  readonly flashAttention?: boolean | "auto";
}

/**
 * One loaded model per file (and flash-attention setting) per process: loading takes seconds and
 * the weights are mapped into memory once; contexts (the per-call state) are made from it by the
 * callers. A failed load is forgotten, so a fixed file can be loaded by the next caller.
 */
export async function loadedModel(reference: string, directory?: string, options: LoadedModelOptions = {}): Promise<LlamaModel> {
  const path = await resolveModelReference(reference, directory);
  const flashAttention = options.flashAttention ?? "auto";
  const key = flashAttention === "auto" ? path : `${path}\u0000flashAttention=${flashAttention}`;
  let model = models.get(key);
  if (!model) {
    model = llamaRuntime().then((llama) => llama.loadModel({ modelPath: path, defaultContextFlashAttention: flashAttention }));
    models.set(key, model);
    model.catch(() => models.delete(key));
  }
  return model;
}

/** Unloads every model (tests, and a process that wants the memory back). */
export async function unloadModels(): Promise<void> {
  const loaded = [...models.values()];
  models.clear();
  await Promise.all(loaded.map(async (model) => (await model.catch(() => null))?.dispose()));
}

/** Why node-llama-cpp cannot be used (the one-line install hint), or null when it can. */
export async function nodeLlamaCppMissing(): Promise<string | null> {
  try {
    await nodeLlamaCpp();
    return null;
  } catch (error) {
    return error instanceof NodeLlamaCppMissingError ? error.message : `node-llama-cpp failed to load: ${(error as Error).message}`;
  }
}
