import { ConfigError } from "../tools/errors.js";
import { type BenchLlm, benchLlmConfig, benchLlmName, checkBenchLlm, type LocalLlmSettings, localBenchLlm } from "./benchLlm.js";
import type { Protocol } from "./protocol.js";

/** An annotator the benchmark can compare. People are always simulated here (they answer from the gold labels). */
export interface BenchAnnotator {
  /** Whether every answer is simulated: people, and the LLM if there is one, are. A real local model's annotators are not. */
  readonly simulated: boolean;
  /** The LLM it labels with, if any. */
  readonly llm?: BenchLlm;
  config(protocol: Protocol): Record<string, unknown>;
}

const SIMULATED_LLM: BenchLlm = { kind: "simulated" };
/** The strong model of a cascade: priced as gpt-4o, about 16 times gpt-4o-mini's price a token. */
const STRONG = { provider: "simulated", model: "gpt-4o" };
const DEFAULT_LOCAL: LocalLlmSettings = { threads: 1 };

/**
 * By name: `oracle` (people label everything, at the protocol's fee); `llm` (an LLM labels
 * everything); `hybrid` or `hybrid@T` (the LLM, people reviewing what it is less than T sure of,
 * default 0.9); `value` or `value@V` (the LLM under the value route, a right label worth V USD,
 * default 1: people get what is worth their fee, 10% spot checks); `cascade@E@T` (the LLM, items it
 * is less than E sure of asked again of a simulated gpt-4o, people reviewing final answers below T);
 * `value-cascade@V` (the same three options, chosen per item by the value route). The LLM is the
 * offline simulator priced as gpt-4o-mini, or, for llm, hybrid and value, a local model named after
 * one more `@`: `llm@smollm2`, `hybrid@0.8@smollm2`, `hybrid@gemma3` (provider llama-cpp, free, on
 * `local.threads` threads).
 */
export function benchAnnotator(name: string, local: LocalLlmSettings = DEFAULT_LOCAL): BenchAnnotator {
  if (name === "oracle") return { simulated: true, config: (protocol) => ({ kind: "oracle", feeUsd: protocol.feeUsd }) };
  if (name.startsWith("cascade@")) return cascade(name);
  const [kind, ...parts] = name.split("@");
  if (!["llm", "hybrid", "value", "value-cascade"].includes(kind)) throw unknown(name);
  if (parts.some((part) => part === "")) throw unknown(name);
  // A part that reads as a number is the threshold or value, any other names the local model.
  const numbers = parts.filter((part) => Number.isFinite(Number(part)));
  const models = parts.filter((part) => !Number.isFinite(Number(part)));
  if (numbers.length > 1 || models.length > 1 || (kind === "llm" && numbers.length > 0)) throw unknown(name);
  if (kind === "value-cascade" && models.length > 0) throw new ConfigError(`annotator "${name}": a cascade runs on the simulator here; name no local model`);
  const llm = models.length === 1 ? localBenchLlm(models[0], name) : SIMULATED_LLM;
  const llmConfig = benchLlmConfig(llm, local);
  const simulated = llm.kind === "simulated";
  const number = numbers.length === 1 ? Number(numbers[0]) : undefined;
  if (kind === "llm") return { simulated, llm, config: () => ({ kind: "llm", llm: llmConfig }) };
  if (kind === "hybrid") {
    const acceptAbove = number ?? 0.9;
    if (acceptAbove < 0 || acceptAbove > 1) throw new ConfigError(`annotator "${name}": the threshold must be in [0, 1]`);
    return { simulated, llm, config: (protocol) => ({ kind: "llm", llm: llmConfig, review: { acceptAbove, humanFeeUsd: protocol.feeUsd } }) };
  }
  const labelValueUsd = number ?? 1;
  if (labelValueUsd <= 0) throw new ConfigError(`annotator "${name}": the label value must be above 0`);
  const escalation = kind === "value-cascade" ? { escalation: { llm: STRONG } } : {};
  return {
    simulated,
    llm,
    config: (protocol) => ({
      kind: "llm",
      llm: llmConfig,
      ...escalation,
      review: { humanFeeUsd: protocol.feeUsd },
      route: "value",
      value: { labelValueUsd },
    }),
  };
}

/**
 * A benchmark's annotators by name, each with its LLM's report name. A local model that is not
 * installed (or node-llama-cpp missing) is refused here, in one line, before any cell starts.
 */
export async function benchAnnotators(names: readonly string[], local: LocalLlmSettings): Promise<Record<string, BenchAnnotator & { llmName?: string }>> {
  const annotators: Record<string, BenchAnnotator & { llmName?: string }> = {};
  for (const name of names) {
    const annotator = benchAnnotator(name, local);
    if (annotator.llm) await checkBenchLlm(annotator.llm);
    annotators[name] = annotator.llm ? { ...annotator, llmName: benchLlmName(annotator.llm) } : annotator;
  }
  return annotators;
}

/** `cascade@E@T`: escalate below confidence E to the strong model, people review final answers below T. */
function cascade(name: string): BenchAnnotator {
  const [, below, acceptAbove, ...rest] = name.split("@").map((part, i) => (i === 0 ? Number.NaN : Number(part)));
  const inUnit = (value: number | undefined) => value !== undefined && Number.isFinite(value) && value >= 0 && value <= 1;
  if (rest.length > 0 || !inUnit(below) || !inUnit(acceptAbove))
    throw new ConfigError(`annotator "${name}": write cascade@<escalate below>@<people below>, each in [0, 1] (a cascade runs on the simulator here)`);
  const llm = benchLlmConfig(SIMULATED_LLM, DEFAULT_LOCAL);
  return {
    simulated: true,
    llm: SIMULATED_LLM,
    config: (protocol) => ({ kind: "llm", llm, escalation: { llm: STRONG, below }, review: { acceptAbove, humanFeeUsd: protocol.feeUsd } }),
  };
}

function unknown(name: string): ConfigError {
  return new ConfigError(
    `unknown annotator "${name}" (known: oracle, llm, hybrid, hybrid@<threshold>, value, value@<usd per right label>, cascade@<escalate below>@<people below>, value-cascade@<usd per right label>; a local model after @: llm@smollm2, hybrid@0.8@smollm2)`,
  );
}
