import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startOpenAiServer } from "../loopbackOpenAi.js";
import { firstError, llmArgs, readLabels, where } from "./childArgs.js";
import type { LabelRow } from "./compareRuns.js";
import type { Backend, HarnessOptions } from "./harness.js";
import type { Profile } from "./killPoint.js";
import { runChild } from "./runChild.js";
import { keywordAnswer, type Scenario } from "./scenarios.js";

/** The uninterrupted run of a scenario: its labels, why it stopped, and how often each kill point's event happened. */
export interface Reference {
  readonly labels: LabelRow[];
  readonly stop: string | null;
  readonly profile: Profile;
}

/** Runs a scenario once without a kill, as the reference its killed threads are compared with. */
export async function reference(scenario: Scenario, backend: Backend, tag: string, options: HarnessOptions, gold: Map<string, string>): Promise<Reference> {
  const out = join(options.workDir, backend, scenario.name, "reference");
  mkdirSync(out, { recursive: true });
  const thread = `${scenario.name}-${tag}-reference`;
  const server = scenario.loopback ? await startOpenAiServer((request) => keywordAnswer(request)) : null;
  try {
    let answers = 0;
    const run = await runChild({
      args: ["run", ...scenario.args, ...where(backend, options, out, thread), ...llmArgs(scenario, out, server)],
      launch: options.launch,
      killLog: join(out, "kills.log"),
      profile: join(out, "profile.json"),
      ...(scenario.human
        ? {
            answer: (id: string) => {
              answers++;
              return gold.get(id) ?? "?";
            },
          }
        : {}),
    });
    if (run.code !== 0) throw new Error(`${backend} ${scenario.name}: the reference run failed (${run.code}): ${firstError(run.stderr)}`);
    const profile = JSON.parse(readFileSync(join(out, "profile.json"), "utf8")) as Profile;
    if (server) profile.llmRequests = server.requests.length;
    if (scenario.human) profile.humanAnswers = answers;
    const result = JSON.parse(readFileSync(join(out, `${thread}.json`), "utf8"));
    return { labels: readLabels(join(out, `${thread}.labels.jsonl`)), stop: result.stopReason?.criterion ?? null, profile };
  } finally {
    await server?.close();
  }
}
