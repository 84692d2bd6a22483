import {
  ANNOTATOR_ROLES,
  type AnnotatorRole,
  holdsOutReservoir,
  llmsByRole,
  type LlmRole,
  parseRunConfig,
  type RunConfig,
} from "../runtime/config/runConfig.js";
import { ConfigError } from "../tools/errors.js";
import type { LlmConfig } from "../tools/llm/config.js";
import { checkBenchLlm, llmReportName } from "./benchLlm.js";

/** An LLM a benchmark cell calls beside its annotator's: `--config` gives it to every cell (generation, LLM selection…). */
export interface ConfigLlm {
  readonly role: Exclude<LlmRole, AnnotatorRole>;
  readonly llm: LlmConfig;
}

/**
 * The LLMs a cell's config calls in roles other than annotation (the run's llmsByRole without the
 * annotator's), so the report can say what a real model did in a cell where people label.
 */
export function configLlms(config: RunConfig): ConfigLlm[] {
  return llmsByRole(config).filter((entry): entry is ConfigLlm => !ANNOTATOR_ROLES.has(entry.role));
}

/** How the report names them: `generation: SmolLM2-135M-Instruct Q4_1`, `committee: simulated gpt-4o-mini, …`. */
export function configLlmsName(llms: readonly ConfigLlm[]): string | undefined {
  const byRole = new Map<string, string[]>();
  for (const { role, llm } of llms) {
    const names = byRole.get(role) ?? [];
    const name = llmReportName(llm);
    if (!names.includes(name)) names.push(name);
    byRole.set(role, names);
  }
  return byRole.size > 0 ? [...byRole].map(([role, names]) => `${role}: ${names.join(", ")}`).join("; ") : undefined;
}

/** Refuses, before any cell starts, a local model of `--config` that is not installed (or node-llama-cpp missing), in one line naming its role. */
export async function checkConfigLlms(llms: readonly ConfigLlm[]): Promise<void> {
  for (const { role, llm } of llms) {
    if (llm.provider !== "llama-cpp") continue;
    try {
      await checkBenchLlm({ kind: "local", model: llm.model });
    } catch (error) {
      if (error instanceof ConfigError) throw new ConfigError(`--config, the ${role} LLM: ${error.message}`);
      throw error;
    }
  }
}

/**
 * Whether every cell holds the simulated LLM's reservoir out of its pool: when an annotator has an
 * LLM (so all annotators, a real model's too, face the same pool), or when a cell's config without
 * its annotator already would (holdsOutReservoir: a role of `--config` is the simulator, which
 * learns from the reservoir, so the protocol's initial labels must not be reservoir items; or
 * `--config` asks for `simulation.holdOut: "always"`, to compare with such runs on the same pool).
 */
export function benchHoldsOut(annotatorsHaveLlm: boolean, configs: readonly RunConfig[]): boolean {
  return annotatorsHaveLlm || configs.some(holdsOutReservoir);
}

/**
 * What `--config` gives a benchmark's cells beside their annotators, checked before any cell
 * starts: each strategy's LLMs, whether every cell holds the reservoir out, and the cells'
 * simulation section (`--config`'s, with that decision).
 */
export async function benchConfigLlms(
  overrides: Record<string, unknown>,
  strategies: readonly string[],
  dataset: unknown,
  annotatorsHaveLlm: boolean,
): Promise<{ llmsOf: Record<string, ConfigLlm[]>; holdOut: boolean; simulation: Record<string, unknown> }> {
  // Each strategy's cell config with people labeling: what --config alone brings to it.
  const configs = strategies.map((strategy) => parseRunConfig({ ...overrides, dataset, strategy, annotator: { kind: "oracle" }, stopping: { maxRounds: 1 } }));
  const llmsOf = Object.fromEntries(strategies.map((strategy, i) => [strategy, configLlms(configs[i])]));
  await checkConfigLlms(Object.values(llmsOf).flat());
  const holdOut = benchHoldsOut(annotatorsHaveLlm, configs);
  return { llmsOf, holdOut, simulation: { ...(overrides.simulation as object | undefined), holdOut: holdOut ? "always" : "auto" } };
}

/** A cell's LLMs as results name them, and whether everything in it is simulated. */
export function cellLlms(
  annotator: { readonly simulated: boolean; readonly llmName?: string },
  llms: readonly ConfigLlm[],
): { simulated: boolean; llm?: string } {
  const llm = [annotator.llmName, configLlmsName(llms)].filter(Boolean).join("; ");
  return { simulated: annotator.simulated && llms.every((role) => role.llm.provider === "simulated"), ...(llm ? { llm } : {}) };
}

/** `cellLlms` for a benchmark's cells, worked out once per annotator and strategy (naming a local model reads its manifest). */
export function cellLlmsBy(
  annotators: Readonly<Record<string, { readonly simulated: boolean; readonly llmName?: string }>>,
  llmsOf: Readonly<Record<string, readonly ConfigLlm[]>>,
): (annotator: string, strategy: string) => ReturnType<typeof cellLlms> {
  const named = new Map<string, ReturnType<typeof cellLlms>>();
  return (annotator, strategy) => {
    const key = JSON.stringify([annotator, strategy]);
    if (!named.has(key)) named.set(key, cellLlms(annotators[annotator], llmsOf[strategy]));
    return named.get(key)!;
  };
}
