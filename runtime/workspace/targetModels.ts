import { BoundedCache } from "../../tools/boundedCache.js";
import { classIndices } from "../../tools/embed/featurize.js";
import type { FeatureSpace } from "../../tools/embed/featureSpace.js";
import type { Representation } from "../../tools/embed/representation.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { latestLabels } from "../../tools/labels/latestLabels.js";
import { selectFeatureRows, selectFeatureRowsFrom } from "../../tools/linalg/featureMatrix.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import { fitBootstrapCommittee, type FitMember } from "../../tools/models/bootstrapCommittee.js";
import { argmaxRows } from "../../tools/models/linearModel.js";
import { isBuiltInTargetModel, targetModelFactory } from "../../tools/models/registry.js";
import { checkedProbabilities, type ModelRows, type TargetModel, type TrainingSet, uniformModel } from "../../tools/models/targetModel.js";
import { rngFor } from "../../tools/random.js";
import type { RunConfig } from "../config/runConfig.js";
import { featureSpaceOf } from "./featureSpaces.js";
import { labeledSources } from "./labeledRows.js";
import type { Workspace } from "./workspace.js";

/** How many fitted models and ensembles a workspace keeps: the current round's and the previous one's. */
const MAX_MODELS = 4;
const MAX_ENSEMBLES = 2;

/** What fitting and predicting read of the run config: the model, the seed, and the features (`representation`). */
export type ModelRun = Pick<RunConfig, "model" | "seed" | "representation">;

/**
 * The target model and the bootstrap ensembles of a workspace, fitted from label records on first
 * use and then shared by every node that asks for the same labels; and the rows they read, in the
 * feature space the run's representation names. Fitting is deterministic, so a resumed run rebuilds the
 * very models it would have had: none of them is checkpointed.
 */
export class TargetModels {
  private readonly models = new BoundedCache<string, Promise<TargetModel>>(MAX_MODELS);
  private readonly ensembles = new BoundedCache<string, Promise<TargetModel[]>>(MAX_ENSEMBLES);
  private readonly spaces = new Map<string, FeatureSpace>();
  private readonly poolProbs = new WeakMap<TargetModel, Promise<Float32Array>>();

  constructor(private readonly workspace: Workspace) {}

  /** The feature space a representation names, made on first use. */
  space(representation: Representation): FeatureSpace {
    const key = JSON.stringify(representation);
    let space = this.spaces.get(key);
    if (!space) this.spaces.set(key, (space = featureSpaceOf(this.workspace, representation)));
    return space;
  }

  /** The target model fitted on `labels`, each item's latest one (uniform over the classes, with none). */
  target(run: ModelRun, records: readonly LabelRecord[], generated: readonly GeneratedItem[] = []): Promise<TargetModel> {
    const labels = latestLabels(records);
    const key = JSON.stringify([run.model, run.representation, run.seed, labels.map((record) => [record.id, record.label])]);
    return this.models.getOrCreate(key, async () =>
      labels.length === 0
        ? uniformModel(this.workspace.classes.length)
        : this.fitter(run)(await this.trainingSet(run, labels, generated), rngFor(run.seed, "target-model", labels.length)),
    );
  }

  /**
   * Query by bagging: `size` target models, each fitted on a resample of the labels drawn from the
   * stream (seed, "committee", round, member), so a resumed round refits the same members.
   */
  ensemble(
    run: ModelRun,
    records: readonly LabelRecord[],
    generated: readonly GeneratedItem[],
    draw: { readonly size: number; readonly round: number },
  ): Promise<TargetModel[]> {
    const labels = latestLabels(records);
    const key = JSON.stringify([run.model, run.representation, run.seed, draw, labels.map((record) => [record.id, record.label])]);
    return this.ensembles.getOrCreate(key, async () =>
      labels.length === 0
        ? Array.from({ length: draw.size }, () => uniformModel(this.workspace.classes.length))
        : fitBootstrapCommittee(
            await this.trainingSet(run, labels, generated),
            draw.size,
            (member) => rngFor(run.seed, "committee", draw.round, member),
            this.fitter(run),
          ),
    );
  }

  /** Fits the configured model on a training set, from a given stream. */
  fitter({ model }: Pick<ModelRun, "model">): FitMember {
    const factory = targetModelFactory(model.kind);
    return (training, rng) => factory(training, { settings: model, rng });
  }

  /** The labeled items as a model is fitted on them: rows in the model's space, texts, classes. */
  async trainingSet(
    { representation }: Pick<ModelRun, "representation">,
    records: readonly LabelRecord[],
    generated: readonly GeneratedItem[],
  ): Promise<TrainingSet> {
    const labels = latestLabels(records);
    const { classes } = this.workspace;
    const { picks, outside, texts } = labeledSources(this.workspace, labels, generated);
    const space = this.space(representation);
    const sources = [await space.pool()];
    if (outside.length > 0) sources.push(await space.transform(outside));
    return { features: selectFeatureRowsFrom(sources, picks), texts, y: classIndices(labels, classes), classes };
  }

  /** Every pool item, as the model reads it. */
  async poolRows({ representation }: Pick<ModelRun, "representation">): Promise<ModelRows> {
    return { features: await this.space(representation).pool(), texts: this.workspace.pool.texts };
  }

  /** Some pool items, by index. */
  async poolRowsAt({ representation }: Pick<ModelRun, "representation">, indices: ArrayLike<number>): Promise<ModelRows> {
    const { texts } = this.workspace.pool;
    return { features: selectFeatureRows(await this.space(representation).pool(), indices), texts: Array.from(indices, (i) => texts[i]) };
  }

  /** New texts (generated candidates), as the model reads them. */
  async textRows({ representation }: Pick<ModelRun, "representation">, texts: readonly string[]): Promise<ModelRows> {
    return { features: await this.space(representation).transform(texts), texts };
  }

  /** The test split, as the model reads it; null without one. */
  async testRows({ representation }: Pick<ModelRun, "representation">): Promise<ModelRows | null> {
    const features = await this.space(representation).test();
    return features && this.workspace.test ? { features, texts: this.workspace.test.texts } : null;
  }

  /** A model's class probabilities for rows, checked when the model is not a built-in one. */
  async probabilities({ model }: Pick<ModelRun, "model">, fitted: TargetModel, rows: ModelRows): Promise<Float32Array> {
    const probs = await fitted.predictProba(rows);
    return isBuiltInTargetModel(model.kind) ? probs : checkedProbabilities(probs, rows.features.rows, this.workspace.classes.length, model.kind);
  }

  /** A model's probabilities for the whole pool, computed once per model (a remote model is asked once a round). */
  poolProbabilities(run: Pick<ModelRun, "model" | "representation">, fitted: TargetModel): Promise<Float32Array> {
    let probs = this.poolProbs.get(fitted);
    if (!probs) {
      probs = this.poolRows(run).then((rows) => this.probabilities(run, fitted, rows));
      this.poolProbs.set(fitted, probs);
    }
    return probs;
  }

  /** The most probable class of each row. */
  async predict(run: Pick<ModelRun, "model">, fitted: TargetModel, rows: ModelRows): Promise<Int32Array> {
    return argmaxRows(await this.probabilities(run, fitted, rows), this.workspace.classes.length);
  }
}
