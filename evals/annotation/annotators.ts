import { type LlmConfig, LlmSchema } from "../../tools/llm/config.js";
import { localModel } from "../../tools/localModels/manifest.js";

/** An annotator of the annotation benchmark: the simulated LLM, or a real local model. */
export interface BenchAnnotator {
  /** As the report names it: the model and its quantization, or what the simulator stands for. */
  readonly name: string;
  /** File-safe key of its saved runs. */
  readonly key: string;
  readonly llm: LlmConfig;
  readonly simulated: boolean;
  /** Calls in flight: many for the simulator, one for a local model (its samples then reuse the prompt it has read). */
  readonly parallel: number;
}

/**
 * `simulated` (or `simulated:<model>`, default gpt-4o-mini), or the name of a model that
 * scripts/install-models.sh installed (`smollm2-135m-instruct`, `gemma-3-270m`), run in-process
 * with `threads` threads and a 2,048-token context.
 */
export function benchAnnotator(spec: string, threads: number): BenchAnnotator {
  if (spec === "simulated" || spec.startsWith("simulated:")) {
    const model = spec.split(":")[1] ?? "gpt-4o-mini";
    return {
      name: `simulated ${model}`,
      key: `simulated-${model}`,
      llm: LlmSchema.parse({ provider: "simulated", model, concurrency: 32 }),
      simulated: true,
      parallel: 32,
    };
  }
  const entry = localModel(spec);
  return {
    name: `${entry.model.split(" ")[0]} ${entry.quantization}`,
    key: spec,
    llm: LlmSchema.parse({ provider: "llama-cpp", model: spec, concurrency: 1, llamaCpp: { threads } }),
    simulated: false,
    parallel: 1,
  };
}
