import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../../tools/errors.js";

/**
 * The paradigm cells of `npm run bench -- --paradigms …`: each of the survey's four paradigms (and
 * bias discovery and Beyond-Labels) has a
 * benchmark of its own (active against random at equal budget, simulated and on the installed real
 * models), and this runs them one after the other in child processes, with their defaults and the
 * seeds asked for, streaming their tables. Each writes its figures where its own command does.
 */
const PARADIGMS = {
  icl: { script: "icl.ts", seeds: (n: number) => ["--seeds", Array.from({ length: n }, (_, i) => String(i + 1)).join(",")] },
  sft: { script: "sft.ts", seeds: (n: number) => ["--seeds", String(n)] },
  preference: { script: "preference.ts", seeds: (n: number) => ["--seeds", String(n)] },
  distill: { script: "distillation.ts", seeds: (n: number) => ["--seeds", String(n)] },
  cal: { script: "biasAudit.ts", seeds: (n: number) => ["--seeds", String(n)] },
  beyond: { script: "beyondLabels.ts", seeds: (n: number) => ["--seeds", String(n)] },
} as const;
export type ParadigmName = keyof typeof PARADIGMS;
export const PARADIGM_NAMES = Object.keys(PARADIGMS) as ParadigmName[];

export function checkParadigms(names: readonly string[]): ParadigmName[] {
  const unknown = names.filter((name) => !(name in PARADIGMS));
  if (unknown.length > 0) throw new ConfigError(`--paradigms: unknown "${unknown.join('", "')}" (known: ${PARADIGM_NAMES.join(", ")})`);
  return names as ParadigmName[];
}

/** Runs the paradigms' benchmarks in turn; resolves with the names of those that failed. */
export async function runParadigms(names: readonly ParadigmName[], seeds: number | undefined, log = (line: string) => console.log(line)): Promise<string[]> {
  const failed: string[] = [];
  for (const name of names) {
    const { script, seeds: seedArgs } = PARADIGMS[name];
    const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
    log(`\n# paradigm: ${name} (the same as npm run bench:${name}${seeds ? ` -- ${seedArgs(seeds).join(" ")}` : ""})\n`);
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", path, ...(seeds ? seedArgs(seeds) : [])], { stdio: "inherit" });
      child.on("error", reject);
      child.on("exit", resolve);
    });
    if (code !== 0) failed.push(name);
  }
  return failed;
}
