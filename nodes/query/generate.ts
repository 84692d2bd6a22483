import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { classIndices } from "../../tools/embed/featurize.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { emptySpend } from "../../tools/cost/spend.js";
import { labelsPerClass } from "../../tools/labels/classCounts.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import { synthesize } from "../../tools/llm/generator.js";
import { rejectionSample } from "../../tools/llm/rejectionSampling.js";
import { rngFor, shuffleInPlace } from "../../tools/random.js";
import { labeledTexts } from "../../runtime/workspace/labeledTexts.js";
import { remainingUsd } from "../../runtime/budget.js";
import { runConfigOf } from "../../runtime/config/configOf.js";
import { bookedSpend, taskBudget } from "../../runtime/llm/taskSpend.js";
import type { Services } from "../../runtime/services.js";
import type { Workspace } from "../../runtime/workspace/workspace.js";
import type { State, Update } from "../../graphs/activeLearning/state.js";
import { taskInstructions } from "../../runtime/config/runConfig.js";

/**
 * Query by generation (out-of-pool synthesis): the LLM writes new items for the classes where the
 * model is weakest, conditioned on labeled examples of each; rejection sampling keeps an item only
 * if the target model agrees with the label it was written for and it duplicates nothing in the
 * pool or the labeled set. Kept items are labeled by that intent, carry their provenance, and
 * live in the state (their text exists nowhere else).
 */
export const generate =
  (services: Services) =>
  async (state: State, nodeConfig?: LangGraphRunnableConfig): Promise<Update> => {
    const started = performance.now();
    const config = runConfigOf(state);
    const generation = config.generation;
    if (!generation) throw new Error("generate ran without a generation config");
    const workspace = await services.workspace(config);
    const client = services.llm(config, generation.llm, workspace);
    const coldStart = state.labels.length === 0;
    const round = coldStart ? 0 : state.round + 1;
    const wanted = coldStart ? config.initial.size : generation.perRound;

    const labeled = labeledTexts(workspace, state.labels, state.generated);
    const { models } = workspace;
    const model = coldStart ? null : await models.target(config, state.labels, state.generated);
    const targets = weakestFirst(state, workspace, model ? await models.poolProbabilities(config, model) : null);
    const calls = Math.ceil(wanted / generation.perCall);
    const rng = rngFor(config.seed, "generate", round);
    const guard = taskBudget(services, config, remainingUsd(config, state.ledger), nodeConfig);
    const spend = emptySpend();
    const outcomes = await Promise.all(
      Array.from({ length: calls }, (_, c) => {
        const target = targets[c % targets.length];
        const examples = shuffleInPlace(
          labeled.items.filter((item) => item.label === target),
          rng,
        ).slice(0, generation.examples);
        return synthesize(
          client,
          {
            instructions: taskInstructions(config),
            labels: workspace.classes,
            labelDescriptions: config.task.labelDescriptions,
            target,
            count: generation.perCall,
            examples: examples.map((item) => item.text),
          },
          guard,
          spend,
        ).then((outcome) => ({ ...outcome, target }));
      }),
    );

    const candidates = outcomes.flatMap((outcome, call) =>
      outcome.texts.map((text) => ({ text, label: outcome.target, call, promptHash: outcome.promptHash })),
    );
    const texts = candidates.map((candidate) => candidate.text);
    // Duplicates are judged on TF-IDF, whatever the model reads; the model judges the label on its own rows.
    const features = workspace.vectorizer.transform(texts);
    const probs = model ? await models.probabilities(config, model, await models.textRows(config, texts)) : null;
    const verdict = rejectionSample({
      features,
      intended: classIndices(candidates, workspace.classes),
      probs,
      numClasses: workspace.classes.length,
      acceptThreshold: generation.acceptThreshold,
      duplicateThreshold: generation.duplicateThreshold,
      existing: [workspace.poolFeatures, labeled.rows],
    });
    const kept = verdict.kept.slice(0, wanted);
    // Every candidate paid its share, kept or not; the kept ones carry that share.
    const callCost = spend.usd / Math.max(1, candidates.length);
    const generated: GeneratedItem[] = [];
    const labels: LabelRecord[] = [];
    for (const index of kept) {
      const candidate = candidates[index];
      const id = `gen-${round}-${candidate.promptHash.slice(0, 8)}-${index}`;
      generated.push({ id, text: candidate.text, label: candidate.label, model: client.key, promptHash: candidate.promptHash, round });
      labels.push({
        id,
        label: candidate.label,
        source: "generated",
        confidence: probs ? probs[index * workspace.classes.length + workspace.classes.indexOf(candidate.label)] : null,
        costUsd: callCost,
        round,
        model: client.key,
      });
    }
    return {
      round,
      classes: coldStart ? [...workspace.classes] : state.classes,
      generated,
      labels,
      batch: [],
      ledger: bookedSpend(services, config, nodeConfig, guard.cachedCalls()),
      stageMs: { generate: performance.now() - started },
      counters: {
        generatedCandidates: candidates.length,
        generatedKept: kept.length,
        rejectedByModel: verdict.rejectedByModel,
        rejectedAsDuplicate: verdict.rejectedAsDuplicate,
        generationFailures: outcomes.filter((outcome) => outcome.failure).length,
        ...(outcomes.some((outcome) => outcome.unpaid) ? { llmUnpaid: outcomes.filter((outcome) => outcome.unpaid).length } : {}),
      },
    };
  };

/**
 * Classes in the order they most need new items: fewest labels first, then the lowest mean
 * confidence of the pool items the model assigns to them (where it is least sure of the class).
 */
function weakestFirst(state: State, workspace: Workspace, probs: Float32Array | null): string[] {
  const K = workspace.classes.length;
  const counts = labelsPerClass(state.labels, workspace.classes);
  const confidence = new Float64Array(K);
  const assigned = new Float64Array(K);
  if (probs) {
    for (let i = 0; i < workspace.pool.size; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (probs[i * K + k] > probs[i * K + best]) best = k;
      confidence[best] += probs[i * K + best];
      assigned[best]++;
    }
  }
  const meanConfidence = (k: number) => (assigned[k] > 0 ? confidence[k] / assigned[k] : 0);
  return workspace.classes
    .map((label, k) => ({ label, k }))
    .sort((a, b) => counts.get(a.label)! - counts.get(b.label)! || meanConfidence(a.k) - meanConfidence(b.k) || a.k - b.k)
    .map((entry) => entry.label);
}
