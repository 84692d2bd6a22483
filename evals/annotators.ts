import { ConfigError } from "../tools/errors.js";
import type { Protocol } from "./protocol.js";

/** An annotator the benchmark can compare: all are simulated here (people answer from the gold labels). */
export interface BenchAnnotator {
  readonly simulated: boolean;
  readonly usesLlm: boolean;
  config(protocol: Protocol): Record<string, unknown>;
}

const LLM = { provider: "simulated", model: "gpt-4o-mini" };
/** The strong model of a cascade: priced as gpt-4o, about 16 times gpt-4o-mini's price a token. */
const STRONG = { provider: "simulated", model: "gpt-4o" };

/**
 * By name: `oracle` (people label everything, at the protocol's fee); `llm` (the offline simulated
 * LLM priced as gpt-4o-mini); `hybrid` or `hybrid@T` (that LLM, people reviewing what it is less
 * than T sure of, default 0.9); `value` or `value@V` (that LLM under the value route, a right label
 * worth V USD, default 1: people get what is worth their fee, 10% spot checks); `cascade@E@T` (that
 * LLM, items it is less than E sure of asked again of a simulated gpt-4o, people reviewing final
 * answers below T); `value-cascade@V` (the same three options, chosen per item by the value route).
 */
export function benchAnnotator(name: string): BenchAnnotator {
  if (name === "oracle") return { simulated: true, usesLlm: false, config: (protocol) => ({ kind: "oracle", feeUsd: protocol.feeUsd }) };
  if (name === "llm") return { simulated: true, usesLlm: true, config: () => ({ kind: "llm", llm: LLM }) };
  if (name.startsWith("cascade@")) return cascade(name);
  const [kind, parameter, ...rest] = name.split("@");
  const number = parameter === undefined ? undefined : Number(parameter);
  if (rest.length > 0 || (parameter !== undefined && (parameter === "" || !Number.isFinite(number)))) throw unknown(name);
  if (kind === "hybrid") {
    const acceptAbove = number ?? 0.9;
    if (acceptAbove < 0 || acceptAbove > 1) throw new ConfigError(`annotator "${name}": the threshold must be in [0, 1]`);
    return {
      simulated: true,
      usesLlm: true,
      config: (protocol) => ({ kind: "llm", llm: LLM, review: { acceptAbove, humanFeeUsd: protocol.feeUsd } }),
    };
  }
  if (kind === "value" || kind === "value-cascade") {
    const labelValueUsd = number ?? 1;
    if (labelValueUsd <= 0) throw new ConfigError(`annotator "${name}": the label value must be above 0`);
    const escalation = kind === "value-cascade" ? { escalation: { llm: STRONG } } : {};
    return {
      simulated: true,
      usesLlm: true,
      config: (protocol) => ({ kind: "llm", llm: LLM, ...escalation, review: { humanFeeUsd: protocol.feeUsd }, route: "value", value: { labelValueUsd } }),
    };
  }
  throw unknown(name);
}

/** `cascade@E@T`: escalate below confidence E to the strong model, people review final answers below T. */
function cascade(name: string): BenchAnnotator {
  const [, below, acceptAbove, ...rest] = name.split("@").map((part, i) => (i === 0 ? Number.NaN : Number(part)));
  const inUnit = (value: number | undefined) => value !== undefined && Number.isFinite(value) && value >= 0 && value <= 1;
  if (rest.length > 0 || !inUnit(below) || !inUnit(acceptAbove))
    throw new ConfigError(`annotator "${name}": write cascade@<escalate below>@<people below>, each in [0, 1]`);
  return {
    simulated: true,
    usesLlm: true,
    config: (protocol) => ({ kind: "llm", llm: LLM, escalation: { llm: STRONG, below }, review: { acceptAbove, humanFeeUsd: protocol.feeUsd } }),
  };
}

function unknown(name: string): ConfigError {
  return new ConfigError(
    `unknown annotator "${name}" (known: oracle, llm, hybrid, hybrid@<threshold>, value, value@<usd per right label>, cascade@<escalate below>@<people below>, value-cascade@<usd per right label>)`,
  );
}
