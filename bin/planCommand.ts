import Table from "cli-table3";
import type { Command } from "commander";
import { planRun } from "../graphs/activeLearning/plan.js";
import { requestedConfig, type ConfigOptions } from "./configInput.js";
import { TABLE_STYLE } from "./report.js";

const usd = (value: number) => `$${value >= 1 ? value.toFixed(2) : value >= 0.01 ? value.toFixed(4) : value.toPrecision(2)}`;

/** `activegraph plan`: what a run would cost, from the same options as `run`, before paying anything. */
export async function planCommand(options: ConfigOptions, command: Command): Promise<void> {
  const config = requestedConfig(options, command);
  const plan = await planRun(config);
  const table = new Table({ ...TABLE_STYLE, colAligns: ["left", "right", "right"], head: ["", "expected", "at most"] });
  table.push(
    ["labels", `${plan.labels}`, `${plan.labels}`],
    ...(plan.validationLabels > 0 ? [[`  of which the bandit's validation slice`, `${plan.validationLabels}`, `${plan.validationLabels}`]] : []),
    ["rounds (with the initial batch)", `${plan.rounds}`, `${plan.rounds}`],
    ["per label", usd(plan.perLabel.expectedUsd), usd(plan.perLabel.atMostUsd)],
  );
  if (plan.perGenerationRound) {
    table.push([`per generation round (${plan.generationRounds} rounds)`, usd(plan.perGenerationRound.expectedUsd), usd(plan.perGenerationRound.atMostUsd)]);
  }
  if (plan.biasAudit && config.biasAudit) {
    const { maxRelabel, relabelBy } = config.biasAudit;
    table.push([
      `bias audits (${plan.biasAudits}, each with at most ${maxRelabel} relabels by ${relabelBy === "human" ? "people" : "its LLM"})`,
      usd(plan.biasAudit.expectedUsd),
      usd(plan.biasAudit.atMostUsd),
    ]);
  }
  table.push(["total", usd(plan.total.expectedUsd), usd(plan.total.atMostUsd)]);
  console.log(
    `${plan.dataset}: ${plan.poolSize} pool items, ${plan.classes.length} classes (${plan.classes.join(", ")})${plan.hasTest ? "" : ", no test split"}`,
  );
  console.log(table.toString());
  console.log(
    `"expected" prices LLM calls at about four bytes a token; "at most" is what budgets are checked against (two bytes a token, the full output allowance). ${config.stopping.maxUsd !== undefined ? `The run stops before spending more than ${usd(config.stopping.maxUsd)}.` : ""}`,
  );
  if (plan.time) {
    const minutes = (seconds: number) => (seconds >= 120 ? `${(seconds / 60).toFixed(0)} min` : `${seconds.toFixed(1)} s`);
    const calls = plan.time.calibrations
      .map(
        (c) =>
          `${c.model} (${c.role}): ${c.inputTokens} tokens in, ${c.outputTokens} out in ${c.seconds.toFixed(1)} s, loaded in ${c.loadSeconds.toFixed(1)} s`,
      )
      .join("; ");
    console.log(
      `Local models compute about ${plan.time.perLabelSeconds.toFixed(2)} s per label${plan.time.perGenerationRoundSeconds !== null ? ` and ${plan.time.perGenerationRoundSeconds.toFixed(1)} s per generation round` : ""}, ${minutes(plan.time.totalSeconds)} in all, measured by one calibration call each on this machine now (${calls}); later calls reuse the instructions, so runs are usually faster. LLM selection is not included.`,
    );
  }
  if (plan.simulated) console.log("The LLM in this run is simulated: its costs are what the named model would charge for the same tokens.");
}
