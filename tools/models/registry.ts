import { ConfigError } from "../errors.js";
import { linearSvm } from "./linearSvm.js";
import { nearestCentroid } from "./nearestCentroid.js";
import { prototypeSvm } from "./prototypeSvm.js";
import { softmaxRegression } from "./softmaxRegression.js";
import type { TargetModelFactory } from "./targetModel.js";

/** The built-in target models, by the name `model.kind` gives. */
export const BUILT_IN_TARGET_MODELS = {
  softmax: softmaxRegression,
  svm: linearSvm,
  centroid: nearestCentroid,
  "prototype-svm": prototypeSvm,
} as const satisfies Record<string, TargetModelFactory>;

const registered = new Map<string, TargetModelFactory>();

/**
 * Makes a target model of your own usable by name from a run config (`model: { kind: name,
 * options: {…} }`): a model over the run's feature rows, or one that reads the texts (a remote
 * classifier). The config stays JSON; the factory lives in this process only, so register it
 * before the run starts, in every process that runs the graph.
 */
export function registerTargetModel(name: string, factory: TargetModelFactory): void {
  if (name in BUILT_IN_TARGET_MODELS) throw new ConfigError(`"${name}" is a built-in target model: register yours under another name`);
  registered.set(name, factory);
}

/** Every target model a config may name: the built-ins, then the registered ones. */
export function targetModelKinds(): string[] {
  return [...Object.keys(BUILT_IN_TARGET_MODELS), ...registered.keys()];
}

export function targetModelFactory(kind: string): TargetModelFactory {
  const factory = (BUILT_IN_TARGET_MODELS as Record<string, TargetModelFactory>)[kind] ?? registered.get(kind);
  if (!factory) throw new ConfigError(`model.kind "${kind}": no such target model (known: ${targetModelKinds().join(", ")}; registerTargetModel adds one)`);
  return factory;
}

/** Whether `kind` is one of activegraph's own models (their probabilities need no checking). */
export const isBuiltInTargetModel = (kind: string): boolean => kind in BUILT_IN_TARGET_MODELS;
