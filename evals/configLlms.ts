import { parseRunConfig, queryMethodsOf, type RunConfig } from "../runtime/config/runConfig.js";
import { ConfigError } from "../tools/errors.js";
import type { LlmConfig } from "../tools/llm/config.js";
import { getStrategy } from "../tools/strategies/registry.js";
import { checkBenchLlm, llmReportName } from "./benchLlm.js";

/** An LLM a benchmark cell calls beside its annotator's: `--config` gives it to every cell (generation, LLM selection…). */
export interface ConfigLlm {
  readonly role: "generation" | "selection" | "committee" | "bias audit";
  readonly llm: LlmConfig;
}

/**
 * The LLMs a cell's config calls in roles other than annotation: the run's llmRoles without the
 * annotator's, each with its role, so the report can say what a real model did in a cell where
 * people label.
 */
export function configLlms(config: RunConfig): ConfigLlm[] {
  const needs = new Set(queryMethodsOf(config).flatMap((name) => getStrategy(name).needs));
  const llms: ConfigLlm[] = [];
  if (config.generation) llms.push({ role: "generation", llm: config.generation.llm });
  if (config.biasAudit) llms.push({ role: "bias audit", llm: config.biasAudit.llm });
  if (needs.has("llm")) llms.push({ role: "selection", llm: config.selection.llm });
  if (needs.has("votes")) {
    for (const member of config.committee.members) if (member.kind === "llm") llms.push({ role: "committee", llm: member.llm });
  }
  return llms;
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
 * LLM (so all annotators, a real model's too, face the same pool), when any role of the config is
 * the simulator (which learns from the reservoir: without the hold-out the protocol's initial
 * labels could be reservoir items), or when `--config` asks for it (`simulation.holdOut: "always"`,
 * to compare with such runs on the same pool).
 */
export function benchHoldsOut(annotatorsHaveLlm: boolean, llms: readonly ConfigLlm[], overrides: Record<string, unknown>): boolean {
  const simulation = overrides.simulation as { holdOut?: unknown } | undefined;
  return annotatorsHaveLlm || llms.some(({ llm }) => llm.provider === "simulated") || simulation?.holdOut === "always";
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
  const llmsOf = Object.fromEntries(
    strategies.map((strategy) => [
      strategy,
      configLlms(parseRunConfig({ ...overrides, dataset, strategy, annotator: { kind: "oracle" }, stopping: { maxRounds: 1 } })),
    ]),
  );
  const all = Object.values(llmsOf).flat();
  await checkConfigLlms(all);
  const holdOut = benchHoldsOut(annotatorsHaveLlm, all, overrides);
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
