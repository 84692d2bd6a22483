import { classIndices } from "../../tools/embed/featurize.js";
import type { LabelRecord } from "../../tools/labels/labelRecord.js";
import { selectRows, selectRowsFrom, type CsrMatrix } from "../../tools/linalg/csr.js";
import type { GeneratedItem } from "../../tools/llm/generatedItem.js";
import { fitBootstrapCommittee } from "../../tools/models/bootstrapCommittee.js";
import { DEFAULT_SOFTMAX, SoftmaxRegression, type SoftmaxRegressionOptions } from "../../tools/models/softmaxRegression.js";
import { rngFor } from "../../tools/random.js";
import { BoundedCache } from "../../tools/boundedCache.js";
import type { Workspace } from "./workspace.js";

/** How many fitted models and ensembles a workspace keeps: the current round's and the previous one's. */
const MAX_MODELS = 4;
const MAX_ENSEMBLES = 2;

type ModelSettings = Partial<SoftmaxRegressionOptions>;

/**
 * The target model and the bootstrap ensembles of a workspace, fitted from label records on first
 * use and then shared by every node that asks for the same labels. Fitting is deterministic, so a
 * resumed run rebuilds the very models it would have had: none of them is checkpointed.
 */
export class TargetModels {
  private readonly models = new BoundedCache<string, SoftmaxRegression>(MAX_MODELS);
  private readonly ensembles = new BoundedCache<string, SoftmaxRegression[]>(MAX_ENSEMBLES);

  constructor(private readonly workspace: Workspace) {}

  /** The target model fitted on `labels` (uninformed, all classes equally likely, with none). */
  target(settings: ModelSettings, labels: readonly LabelRecord[], generated: readonly GeneratedItem[] = []): SoftmaxRegression {
    const { workspace } = this;
    const key = JSON.stringify([settings, labels.map((record) => [record.id, record.label])]);
    return this.models.getOrCreate(key, () =>
      labels.length === 0
        ? SoftmaxRegression.uninformed(workspace.classes.length, workspace.poolFeatures.cols)
        : SoftmaxRegression.fit(this.trainingRows(labels, generated), classIndices(labels, workspace.classes), workspace.classes.length, {
            ...DEFAULT_SOFTMAX,
            ...settings,
          }),
    );
  }

  /**
   * Query by bagging: `size` target models, each fitted on a resample of the labels drawn from the
   * stream (seed, "committee", round, member), so a resumed round refits the same members.
   */
  ensemble(
    settings: ModelSettings,
    labels: readonly LabelRecord[],
    generated: readonly GeneratedItem[],
    draw: { readonly size: number; readonly seed: number; readonly round: number },
  ): SoftmaxRegression[] {
    const { workspace } = this;
    const key = JSON.stringify([settings, draw, labels.map((record) => [record.id, record.label])]);
    return this.ensembles.getOrCreate(key, () =>
      labels.length === 0
        ? Array.from({ length: draw.size }, () => SoftmaxRegression.uninformed(workspace.classes.length, workspace.poolFeatures.cols))
        : fitBootstrapCommittee(
            this.trainingRows(labels, generated),
            classIndices(labels, workspace.classes),
            workspace.classes.length,
            draw.size,
            (member) => rngFor(draw.seed, "committee", draw.round, member),
            { ...DEFAULT_SOFTMAX, ...settings },
          ),
    );
  }

  /** Feature rows of the labeled items, in label order: pool rows, or generated texts vectorized. */
  trainingRows(labels: readonly LabelRecord[], generated: readonly GeneratedItem[]): CsrMatrix {
    const { pool, poolFeatures, vectorizer } = this.workspace;
    if (labels.every((record) => pool.has(record.id)))
      return selectRows(
        poolFeatures,
        labels.map((record) => pool.indexOf(record.id)),
      );
    const textOf = new Map(generated.map((item) => [item.id, item.text]));
    const outside = labels.filter((record) => !pool.has(record.id));
    const outsideRows = vectorizer.transform(
      outside.map((record) => {
        const text = textOf.get(record.id);
        if (text === undefined) throw new Error(`label for "${record.id}", which is neither in the pool nor generated`);
        return text;
      }),
    );
    const outsideIndex = new Map(outside.map((record, i) => [record.id, i]));
    return selectRowsFrom(
      [poolFeatures, outsideRows],
      labels.map((record) => (pool.has(record.id) ? [0, pool.indexOf(record.id)] : [1, outsideIndex.get(record.id)!])),
    );
  }
}
