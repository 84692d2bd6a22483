import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { State, Update } from "../../graphs/activeLearning/state.js";
import { labelCapacity, remainingUsd } from "../../runtime/budget.js";
import { biasAuditRelabelUsd } from "../../runtime/costEstimate.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { Services } from "../../runtime/services.js";
import type { AuditRecord } from "../../tools/biasAudit/auditRecord.js";
import { auditLabels } from "../../tools/biasAudit/auditor.js";
import { clusterViews } from "../../tools/biasAudit/clusterViews.js";
import { AUDIT_NOTE_PREFIX, BIAS_AUDIT_REASON } from "../../tools/biasAudit/config.js";
import { matchPatterns } from "../../tools/biasAudit/patterns.js";
import { applyLedgerEntries } from "../../tools/cost/ledger.js";
import { emptySpend } from "../../tools/cost/spend.js";
import { strategyVectorSpec } from "../../tools/embed/representation.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { allRows } from "../../tools/linalg/dense.js";
import { kmeans } from "../../tools/linalg/kmeans.js";
import { typicality } from "../../tools/linalg/typicality.js";
import { rngFor } from "../../tools/random.js";
import { TYPICLUST } from "../../tools/strategies/typiclust.js";

/**
 * Bias discovery (CAL, as the survey of Xia et al. 2025 names it), in place of a query step: the
 * pool is clustered by k-means over its vectors, the most typical labeled items of each cluster
 * (density from the pool's k-NN graph) are shown to a strong LLM with their current labels, and
 * the LLM names spurious or biased patterns. Labeled items a pattern matches go back for
 * relabeling, to people (the human queue) or to the audit's LLM (the batch, relabel.ts). People's
 * labels and items an audit already sent back are never flagged again. The one paid call is
 * journaled through the task's budget; the audit is checkpointed, with what it found or why it
 * found nothing, before anything is relabeled.
 */
export const biasAudit =
  (services: Services) =>
  async (state: State, nodeConfig?: LangGraphRunnableConfig): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    const audit = config.biasAudit;
    if (!audit) throw new Error("biasAudit ran without biasAudit in the run config");
    const workspace = await services.workspace(config);
    const { pool } = workspace;
    const round = state.round + 1;
    const spec = strategyVectorSpec(config.representation, config.vectors);
    const { vectors } = await workspace.vectors.of(spec);
    const index = await workspace.vectors.index(spec, config.index);
    const typical = typicality(index.neighborGraph(Math.min(TYPICLUST.neighbors, pool.size - 1)));
    const clusters = kmeans(vectors, allRows(pool.size), Math.min(audit.clusters, pool.size), rngFor(config.seed, "bias-audit", round));

    const current = latestLabels(state.labels).filter((record) => pool.has(record.id));
    const labeled = current.map((record) => ({ id: record.id, index: pool.indexOf(record.id), text: workspace.textOf(record.id), label: record.label }));
    const views = clusterViews(labeled, clusters.assignment, typical, audit.perCluster);
    const settled = new Set(current.filter((record) => record.source === "human" || record.reviewReason === BIAS_AUDIT_REASON).map((record) => record.id));
    const open = views.items.filter((item) => !settled.has(item.id));

    const client = services.llm(config, audit.llm, workspace);
    const guard = taskBudget(services, config, remainingUsd(config, state.ledger), nodeConfig);
    const outcome =
      views.clusters.length > 0
        ? await auditLabels(
            client,
            {
              instructions: taskInstructions(config),
              labels: workspace.classes,
              labelDescriptions: config.task.labelDescriptions,
              clusters: views.clusters,
              maxPatterns: audit.maxPatterns,
            },
            guard,
            emptySpend(),
          )
        : ({ ok: false, error: "bias audit not asked: no labeled pool item to audit" } as const);
    const patterns = outcome.ok ? outcome.patterns : [];
    const booked = bookedSpend(services, config, nodeConfig, guard.cachedCalls());
    // A relabel is a label bought: the flagged items are cut to what maxLabels and the USD left (after the audit's call) allow.
    const capacity = labelCapacity(config, {
      labels: state.labels.length,
      ledger: applyLedgerEntries(state.ledger, booked),
      labelCostUsd: biasAuditRelabelUsd(config, workspace),
    });
    const flagged = matchPatterns(patterns, open).slice(0, Math.min(audit.maxRelabel, capacity));
    const record: AuditRecord = {
      round,
      clusters: views.clusters.length,
      patterns,
      flagged,
      relabelBy: audit.relabelBy,
      ...(outcome.ok ? {} : { failure: outcome.error }),
    };
    if (!outcome.ok) process.stderr.write(`warning: round ${round}: ${outcome.error}\n`);
    const labelOf = new Map(current.map((label) => [label.id, label]));
    const queue =
      audit.relabelBy === "llm"
        ? { batch: flagged.map((match) => match.id) }
        : {
            batch: [],
            humanQueue: {
              add: flagged.map(({ id, pattern }) => {
                const label = labelOf.get(id)!;
                return {
                  id,
                  text: workspace.textOf(id),
                  reason: BIAS_AUDIT_REASON,
                  suggestion: { label: label.label, confidence: null, model: label.model ?? label.source },
                  rationales: [`${AUDIT_NOTE_PREFIX}${patterns[pattern].description}`],
                };
              }),
            },
          };
    return {
      round,
      ...queue,
      queryNotes: {},
      audits: [record],
      ledger: booked,
      stageMs: { biasAudit: performance.now() - started },
      counters: { biasAuditPatterns: patterns.length, biasAuditFlagged: flagged.length, ...(outcome.ok ? {} : { biasAuditFailed: 1 }) },
    };
  };
