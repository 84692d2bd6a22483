import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pLimit from "p-limit";
import { costUsd, priceFor } from "../../tools/llm/prices.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { startOpenAiServer } from "../loopbackOpenAi.js";
import { compareLabels, lostLabels } from "./compareRuns.js";
import { stageOf, type KillPoint } from "./killPoint.js";
import { killMenu } from "./killPlan.js";
import { runChild, type ChildRun } from "./runChild.js";
import { firstError, llmArgs, readLabels, where } from "./childArgs.js";
import { reference, type Reference } from "./referenceRun.js";
import { goldLabels, keywordAnswer, type Scenario } from "./scenarios.js";
import { threadCheckpoints, type ThreadCheckpoints } from "./threadCheckpoints.js";

export type Backend = "sqlite" | "postgres";

export interface HarnessOptions {
  readonly backends: readonly Backend[];
  readonly postgresUrl?: string;
  readonly scenarios: readonly Scenario[];
  /** Kills wanted per backend (kill points the runs really reached). */
  readonly kills: number;
  readonly parallel: number;
  readonly seed: number;
  /** Kills per thread, drawn in [min, max]: a thread may be killed, resumed and killed again several times. */
  readonly killsPerThread?: readonly [number, number];
  readonly workDir: string;
  readonly log?: (line: string) => void;
  /** How each `activegraph run` child is started (runChild's FROM_SOURCES unless given). */
  readonly launch?: readonly string[];
}

export interface Kill {
  readonly point: KillPoint;
  /** The targeted stage, or for a kill in the middle of a node, the nodes running when it landed. */
  readonly stage: string;
}

export interface ThreadOutcome {
  readonly backend: Backend;
  readonly scenario: string;
  readonly thread: string;
  readonly kills: readonly Kill[];
  /** The last resume ran to a stop reason and left no task pending. */
  readonly completed: boolean;
  /** Finished with fewer labels than the uninterrupted run, for another reason than its budget. */
  readonly endedEarly: boolean;
  readonly lost: number;
  readonly differing: number;
  /** Labels fewer than the uninterrupted run because calls cut off by kills were paid (budget-bound runs). */
  readonly shortByBudget: number;
  /** Budget-bound runs: labels from the first round the smaller budget cut (evals/crash/compareRuns.ts), not compared. */
  readonly afterBudgetCut: number;
  readonly labels: number;
  readonly referenceLabels: number;
  readonly money?: { requests: number; billedCalls: number; billedUsd: number; ledgerCalls: number; ledgerUsd: number; maxUsd: number };
  readonly problems: readonly string[];
}

/**
 * The crash harness: for each backend and scenario, an uninterrupted reference run, then threads
 * killed with SIGKILL at points drawn over every stage and resumed with the CLI, some several
 * times, each finally resumed to its end and compared with the reference.
 */
export async function runCrashHarness(options: HarnessOptions): Promise<ThreadOutcome[]> {
  const outcomes: ThreadOutcome[] = [];
  const gold = goldLabels();
  for (const backend of options.backends) {
    const tag = `${backend}-${options.seed}-${Date.now().toString(36)}`;
    const store = threadCheckpoints(backend, options.postgresUrl);
    const lanes = pLimit(options.parallel);
    try {
      const references = new Map<string, Reference>();
      await Promise.all(
        options.scenarios.map((scenario) =>
          lanes(async () => {
            references.set(scenario.name, await reference(scenario, backend, tag, options, gold));
            options.log?.(`${backend} ${scenario.name}: reference run, ${references.get(scenario.name)!.labels.length} labels`);
          }),
        ),
      );
      let effective = 0;
      for (let batch = 0; effective < options.kills && batch < 6; batch++) {
        const plans = planThreads(options, batch, options.kills - effective);
        await Promise.all(
          plans.map((plan) =>
            lanes(async () => {
              const outcome = await runThreadWithKills(plan, backend, tag, options, store, references.get(plan.scenario.name)!, gold);
              outcomes.push(outcome);
              effective += outcome.kills.length;
              options.log?.(
                `${backend} ${outcome.scenario} ${outcome.thread}: ${outcome.kills.length} kill(s) [${outcome.kills.map((k) => k.stage).join("; ")}], ${outcome.labels}/${outcome.referenceLabels} labels${outcome.problems.length ? `, ${outcome.problems.join("; ")}` : ""}`,
              );
            }),
          ),
        );
      }
    } finally {
      await store.close();
    }
  }
  return outcomes;
}

interface ThreadPlan {
  readonly scenario: Scenario;
  readonly index: number;
  readonly batch: number;
  /** Entries of the scenario's kill menu, one per kill, in order. */
  readonly menu: readonly number[];
}

/**
 * Threads enough to reach `wanted` kills (some drawn points are never reached: a resumed process
 * has less left to do), spread over the scenarios; each scenario's kill menu is dealt out in a
 * shuffled order, so every stage is hit before any is hit twice.
 */
function planThreads(options: HarnessOptions, batch: number, wanted: number): ThreadPlan[] {
  const rng = rngFor(options.seed, "crash", "plan", batch);
  const [min, max] = options.killsPerThread ?? [1, 3];
  const decks = new Map(options.scenarios.map((scenario) => [scenario.name, { cards: [] as number[], size: killMenu(scenario).length }]));
  const deal = (scenario: Scenario): number => {
    const deck = decks.get(scenario.name)!;
    if (deck.cards.length === 0)
      deck.cards = shuffleInPlace(
        Array.from({ length: deck.size }, (_, i) => i),
        rng,
      );
    return deck.cards.pop()!;
  };
  const plans: ThreadPlan[] = [];
  let planned = 0;
  for (let i = 0; planned < wanted * 1.25; i++) {
    const scenario = options.scenarios[i % options.scenarios.length];
    const kills = min + rng.int(max - min + 1);
    plans.push({ scenario, index: i, batch, menu: Array.from({ length: kills }, () => deal(scenario)) });
    planned += kills;
  }
  return plans;
}

async function runThreadWithKills(
  plan: ThreadPlan,
  backend: Backend,
  tag: string,
  options: HarnessOptions,
  store: ThreadCheckpoints,
  reference: Reference,
  gold: Map<string, string>,
): Promise<ThreadOutcome> {
  const { scenario } = plan;
  const thread = `${scenario.name}-${tag}-${plan.batch}-${plan.index}`;
  const out = join(options.workDir, backend, scenario.name, thread);
  mkdirSync(out, { recursive: true });
  const rng = rngFor(options.seed, "crash", backend, thread);
  const menu = killMenu(scenario);
  const problems: string[] = [];
  const kills: Kill[] = [];
  const checkpointed = new Map<string, string>();
  // One provider per thread, alive across its processes: it counts every request and what it bills.
  let requestsThisProcess = 0;
  let killProcess: (() => void) | null = null;
  let point: KillPoint | undefined;
  const server = scenario.loopback
    ? await startOpenAiServer((request) => {
        requestsThisProcess++;
        if (point?.at === "llmRequest" && requestsThisProcess === point.occurrence) killProcess?.();
        return keywordAnswer(request);
      })
    : null;
  const killLog = join(out, "kills.log");
  const start = ["run", ...scenario.args, ...where(backend, options, out, thread), ...llmArgs(scenario, out, server)];
  const resume = ["run", ...where(backend, options, out, thread), "--quiet"];
  try {
    let started = false;
    let run: ChildRun | null = null;
    for (const entry of plan.menu) {
      point = menu[entry](reference.profile, rng, started ? 0.5 : 1);
      requestsThisProcess = 0;
      run = await runChild({
        args: started ? resume : start,
        launch: options.launch,
        killAt: point,
        killLog,
        onStart: (kill) => (killProcess = kill),
        ...(scenario.human ? { answer: (id: string) => gold.get(id) ?? "?" } : {}),
      });
      if (!run.killed) break;
      // Killed before its first checkpoint, a thread does not exist yet: it is started again.
      started = (await store.status(out, thread)) !== "empty";
      const stage =
        point.at === "node" && point.moment === "mid" ? `${point.node} (mid; running: ${run.where?.running.join(", ") || "between nodes"})` : stageOf(point);
      kills.push({ point, stage });
      const state = await store.read(out, thread);
      for (const label of state?.labels ?? []) checkpointed.set(label.id, label.label);
    }
    point = undefined;
    if (!run || run.killed)
      run = await runChild({
        args: started ? resume : start,
        launch: options.launch,
        killLog,
        ...(scenario.human ? { answer: (id: string) => gold.get(id) ?? "?" } : {}),
      });
    if (run.code !== 0) {
      writeFileSync(join(out, "failed-resume.stderr"), run.stderr);
      problems.push(`last resume exited ${run.code}: ${firstError(run.stderr)} (stderr in ${join(out, "failed-resume.stderr")})`);
    }
    const status = await store.status(out, thread);
    const completed = status === "finished";
    if (!completed) problems.push(`thread ${status} after the last resume`);
    const resultPath = join(out, `${thread}.json`);
    const result = existsSync(resultPath) ? JSON.parse(readFileSync(resultPath, "utf8")) : null;
    const labels = existsSync(join(out, `${thread}.labels.jsonl`)) ? readLabels(join(out, `${thread}.labels.jsonl`)) : [];
    const stop = result?.stopReason?.criterion ?? null;
    const budgetBound = stop === "maxUsd" && reference.stop === "maxUsd";
    const { differing, short, afterBudgetCut } = compareLabels(reference.labels, labels, budgetBound);
    const byBudget = short > 0 && budgetBound;
    const endedEarly = completed && short > 0 && !byBudget;
    if (endedEarly) problems.push(`ended early: ${labels.length} of ${reference.labels.length} labels (${stop})`);
    if (stop !== reference.stop && !endedEarly) problems.push(`stopped by ${stop}, the uninterrupted run by ${reference.stop}`);
    // Every label a person (or the oracle) gave was paid once.
    const feeLabels = labels.filter((row) => row.source === "oracle" || row.source === "human").length;
    if (result && result.ledger.human.labels !== feeLabels) problems.push(`ledger pays ${result.ledger.human.labels} human labels for ${feeLabels}`);
    let money: ThreadOutcome["money"];
    if (server && result) {
      const price = priceFor("gpt-4o-mini");
      const spend = result.ledger.llm["gpt-4o-mini"] ?? { calls: 0, usd: 0 };
      money = {
        requests: server.requests.length,
        billedCalls: server.billed.length,
        billedUsd: server.billed.reduce((sum, b) => sum + costUsd(price, b.promptTokens, b.completionTokens), 0),
        ledgerCalls: spend.calls,
        ledgerUsd: spend.usd,
        maxUsd: scenario.maxUsd ?? Number.POSITIVE_INFINITY,
      };
      if (money.ledgerCalls < money.billedCalls) problems.push(`ledger counts ${money.ledgerCalls} calls, the server billed ${money.billedCalls}`);
      if (money.ledgerUsd < money.billedUsd - 1e-12) problems.push(`ledger counts $${money.ledgerUsd}, the server billed $${money.billedUsd}`);
      if (money.billedUsd > money.maxUsd + 1e-12) problems.push(`billed $${money.billedUsd} over the $${money.maxUsd} budget`);
    }
    return {
      backend,
      scenario: scenario.name,
      thread,
      kills,
      completed,
      endedEarly,
      lost: lostLabels(checkpointed, labels),
      differing,
      shortByBudget: byBudget ? short : 0,
      afterBudgetCut,
      labels: labels.length,
      referenceLabels: reference.labels.length,
      ...(money ? { money } : {}),
      problems,
    };
  } finally {
    await server?.close();
  }
}
