import { ConfigError } from "../tools/errors.js";
import { type LlmConfig, localModelName } from "../tools/llm/config.js";
import { LOCAL_MODELS, readModelManifest } from "../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../tools/localModels/nodeLlamaCpp.js";
import { resolveLocalModel } from "../tools/localModels/modelReference.js";

/** The LLM of the benchmark's LLM annotators when none is named: the offline simulator priced as gpt-4o-mini. */
const SIMULATED = { provider: "simulated", model: "gpt-4o-mini" } as const;

/** Short names for the chat models scripts/install-models.sh installs (`llm@smollm2`). */
const ALIASES: Record<string, string> = { smollm2: LOCAL_MODELS.smollm2, gemma3: LOCAL_MODELS.gemma3 };

/** The LLM a benchmark annotator labels with: the simulator, or a local GGUF model (provider llama-cpp). */
export type BenchLlm = { readonly kind: "simulated" } | { readonly kind: "local"; readonly model: string };

/** How a local model runs in a benchmark cell. */
export interface LocalLlmSettings {
  /** llama.cpp threads per model (1 suits a busy 2-core machine). */
  readonly threads: number;
}

/**
 * A local chat model named in an annotator (`smollm2`, `gemma3`, or a name in the models
 * manifest), or a one-line error listing the names known. Whether it is installed is checked
 * before the first cell (checkBenchLlm), so a name parses on a machine without the models.
 */
export function localBenchLlm(name: string, annotator: string): BenchLlm {
  const model = ALIASES[name] ?? name;
  const installed = Object.entries(safeManifest()?.models ?? {})
    .filter(([, entry]) => entry.kind === "chat")
    .map(([key]) => key);
  const known = new Set([...Object.values(ALIASES), ...installed]);
  if (!known.has(model)) {
    throw new ConfigError(`annotator "${annotator}": unknown local model "${name}" (known: ${[...Object.keys(ALIASES), ...known].join(", ")})`);
  }
  return { kind: "local", model };
}

/** The run config's `llm` for a benchmark LLM: local models are free, one call at a time, with a timeout a busy machine cannot hit. */
export function benchLlmConfig(llm: BenchLlm, settings: LocalLlmSettings): Record<string, unknown> {
  if (llm.kind === "simulated") return { ...SIMULATED };
  return { provider: "llama-cpp", model: llm.model, concurrency: 1, timeoutMs: 600_000, llamaCpp: { threads: settings.threads } };
}

/** Refuses a local model that is not installed (or node-llama-cpp missing), in one line saying what to install. */
export async function checkBenchLlm(llm: BenchLlm): Promise<void> {
  if (llm.kind !== "local") return;
  resolveLocalModel(llm.model);
  const missing = await nodeLlamaCppMissing();
  if (missing) throw new ConfigError(missing);
}

/**
 * The LLM as reports name it: a real model by its name and quantization ("SmolLM2-135M-Instruct
 * Q4_1"), the simulator as "simulated gpt-4o-mini".
 */
export function benchLlmName(llm: BenchLlm): string {
  return llmReportName(llm.kind === "simulated" ? SIMULATED : { provider: "llama-cpp", model: llm.model });
}

/**
 * Any LLM of a run config as reports name it: an installed local model by its name and
 * quantization, another local file by its name, the simulator as "simulated <model>", a remote
 * model by its model name.
 */
export function llmReportName(llm: Pick<LlmConfig, "provider" | "model">): string {
  if (llm.provider === "simulated") return `simulated ${llm.model}`;
  if (llm.provider !== "llama-cpp") return llm.model;
  const { origin, quantization } = resolveLocalModel(llm.model);
  if (!origin || !quantization) return localModelName(llm.model);
  return `${origin.split(" ")[0].split("/").pop() ?? llm.model} ${quantization}`;
}

/** A manifest that cannot be read lists no installed models here; the run's own check says why. */
function safeManifest() {
  try {
    return readModelManifest();
  } catch {
    return null;
  }
}
