import { BoundedCache } from "../../tools/boundedCache.js";
import { classIndices } from "../../tools/embed/featurize.js";
import type { FeatureSpace } from "../../tools/embed/featureSpace.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { selectFeatureRows, selectFeatureRowsFrom } from "../../tools/linalg/featureMatrix.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import { fitBootstrapCommittee, type FitMember } from "../../tools/models/bootstrapCommittee.js";
import { argmaxRows } from "../../tools/models/linearModel.js";
import type { FeatureSpaceName, ModelConfig } from "../../tools/models/modelConfig.js";
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

/** What fitting reads of the run config: the model and the seed. */
type ModelRun = Pick<RunConfig, "model" | "seed">;

/**
 * The target model and the bootstrap ensembles of a workspace, fitted from label records on first
 * use and then shared by every node that asks for the same labels; and the rows they read, in the
 * feature space the model config names. Fitting is deterministic, so a resumed run rebuilds the
 * very models it would have had: none of them is checkpointed.
 */
export class TargetModels {
  private readonly models = new BoundedCache<string, Promise<TargetModel>>(MAX_MODELS);
  private readonly ensembles = new BoundedCache<string, Promise<TargetModel[]>>(MAX_ENSEMBLES);
  private readonly spaces = new Map<FeatureSpaceName, FeatureSpace>();
  private readonly poolProbs = new WeakMap<TargetModel, Promise<Float32Array>>();

  constructor(private readonly workspace: Workspace) {}

  /** The feature space a model config reads, made on first use. */
  space(name: FeatureSpaceName): FeatureSpace {
    let space = this.spaces.get(name);
    if (!space) this.spaces.set(name, (space = featureSpaceOf(this.workspace, name)));
    return space;
  }

  /** The target model fitted on `labels` (uniform over the classes, with none). */
  target({ model, seed }: ModelRun, labels: readonly LabelRecord[], generated: readonly GeneratedItem[] = []): Promise<TargetModel> {
    const key = JSON.stringify([model, seed, labels.map((record) => [record.id, record.label])]);
    return this.models.getOrCreate(key, async () =>
      labels.length === 0
        ? uniformModel(this.workspace.classes.length)
        : this.fitter(model)(await this.trainingSet(model, labels, generated), rngFor(seed, "target-model", labels.length)),
    );
  }

  /**
   * Query by bagging: `size` target models, each fitted on a resample of the labels drawn from the
   * stream (seed, "committee", round, member), so a resumed round refits the same members.
   */
  ensemble(
    { model, seed }: ModelRun,
    labels: readonly LabelRecord[],
    generated: readonly GeneratedItem[],
    draw: { readonly size: number; readonly round: number },
  ): Promise<TargetModel[]> {
    const key = JSON.stringify([model, seed, draw, labels.map((record) => [record.id, record.label])]);
    return this.ensembles.getOrCreate(key, async () =>
      labels.length === 0
        ? Array.from({ length: draw.size }, () => uniformModel(this.workspace.classes.length))
        : fitBootstrapCommittee(
            await this.trainingSet(model, labels, generated),
            draw.size,
            (member) => rngFor(seed, "committee", draw.round, member),
            this.fitter(model),
          ),
    );
  }

  /** Fits the configured model on a training set, from a given stream. */
  fitter(model: ModelConfig): FitMember {
    const factory = targetModelFactory(model.kind);
    return (training, rng) => factory(training, { settings: model, rng });
  }

  /** The labeled items as a model is fitted on them: rows in the model's space, texts, classes. */
  async trainingSet(model: ModelConfig, labels: readonly LabelRecord[], generated: readonly GeneratedItem[]): Promise<TrainingSet> {
    const { classes } = this.workspace;
    const { picks, outside, texts } = labeledSources(this.workspace, labels, generated);
    const space = this.space(model.features);
    const sources = [await space.pool()];
    if (outside.length > 0) sources.push(await space.transform(outside));
    return { features: selectFeatureRowsFrom(sources, picks), texts, y: classIndices(labels, classes), classes };
  }

  /** Every pool item, as the model reads it. */
  async poolRows(model: ModelConfig): Promise<ModelRows> {
    return { features: await this.space(model.features).pool(), texts: this.workspace.pool.texts };
  }

  /** Some pool items, by index. */
  async poolRowsAt(model: ModelConfig, indices: ArrayLike<number>): Promise<ModelRows> {
    const { texts } = this.workspace.pool;
    return { features: selectFeatureRows(await this.space(model.features).pool(), indices), texts: Array.from(indices, (i) => texts[i]) };
  }

  /** New texts (generated candidates), as the model reads them. */
  async textRows(model: ModelConfig, texts: readonly string[]): Promise<ModelRows> {
    return { features: await this.space(model.features).transform(texts), texts };
  }

  /** The test split, as the model reads it; null without one. */
  async testRows(model: ModelConfig): Promise<ModelRows | null> {
    const features = await this.space(model.features).test();
    return features && this.workspace.test ? { features, texts: this.workspace.test.texts } : null;
  }

  /** A model's class probabilities for rows, checked when the model is not a built-in one. */
  async probabilities(model: ModelConfig, fitted: TargetModel, rows: ModelRows): Promise<Float32Array> {
    const probs = await fitted.predictProba(rows);
    return isBuiltInTargetModel(model.kind) ? probs : checkedProbabilities(probs, rows.features.rows, this.workspace.classes.length, model.kind);
  }

  /** A model's probabilities for the whole pool, computed once per model (a remote model is asked once a round). */
  poolProbabilities(model: ModelConfig, fitted: TargetModel): Promise<Float32Array> {
    let probs = this.poolProbs.get(fitted);
    if (!probs) {
      probs = this.poolRows(model).then((rows) => this.probabilities(model, fitted, rows));
      this.poolProbs.set(fitted, probs);
    }
    return probs;
  }

  /** The most probable class of each row. */
  async predict(model: ModelConfig, fitted: TargetModel, rows: ModelRows): Promise<Int32Array> {
    return argmaxRows(await this.probabilities(model, fitted, rows), this.workspace.classes.length);
  }
}
