import { normalizeRows, type Vectors } from "../tools/linalg/dense.js";
import { scanSimilarities } from "../tools/linalg/similarities.js";
import { mulberry32 } from "../tools/random.js";

/**
 * A synthetic pool for timing strategies at sizes no text dataset here reaches: n unit vectors in
 * `classes` overlapping clusters (a random centre per class plus uniform noise of the same norm),
 * filled in place so that the only large allocation is the n × dim Float32Array itself.
 */
export function syntheticVectors(n: number, dim: number, classes: number, seed: number): Vectors {
  const rng = mulberry32(seed);
  const centres = normalizeRows(
    Float32Array.from({ length: classes * dim }, () => rng.next() * 2 - 1),
    dim,
  );
  const data = new Float32Array(n * dim);
  // Uniform noise in ±a per coordinate has norm ≈ a·√(dim/3); a = √(3/dim) gives norm 1, like the centre.
  const a = Math.sqrt(3 / dim);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    for (let j = 0; j < dim; j++) data[i * dim + j] = centres[c * dim + j] + a * (rng.next() * 2 - 1);
  }
  return { data: normalizeRows(data, dim), dim };
}

/** Random linear models: `count` weight matrices of classes × dim, each a perturbation of one base model. */
export function randomLinearModels(count: number, dim: number, classes: number, seed: number, spread = 0.5): Float32Array[] {
  const rng = mulberry32(seed);
  const base = Float32Array.from({ length: classes * dim }, () => rng.next() * 2 - 1);
  return Array.from({ length: count }, (_, m) => (m === 0 && count === 1 ? base : Float32Array.from(base, (w) => w + spread * (rng.next() * 2 - 1))));
}

/**
 * Softmax probabilities of every row under each model, one pass over the vectors for all models
 * together (their weights stacked as the kernel's centers): pool size × classes floats per model.
 * `scale` sets how confident the models are.
 */
export function linearSoftmax(vectors: Vectors, models: readonly Float32Array[], classes: number, scale: number): Float32Array[] {
  const n = vectors.data.length / vectors.dim;
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  const stacked = new Float32Array(models.length * classes * vectors.dim);
  models.forEach((weights, m) => stacked.set(weights, m * classes * vectors.dim));
  const out = models.map(() => new Float32Array(n * classes));
  const logits = new Float64Array(classes);
  scanSimilarities(vectors, rows, stacked, (start, count, sims, stride) => {
    for (let r = 0; r < count; r++) {
      for (let m = 0; m < models.length; m++) {
        let max = -Infinity;
        for (let c = 0; c < classes; c++) {
          logits[c] = scale * sims[r * stride + m * classes + c];
          if (logits[c] > max) max = logits[c];
        }
        let sum = 0;
        for (let c = 0; c < classes; c++) sum += logits[c] = Math.exp(logits[c] - max);
        const row = (start + r) * classes;
        for (let c = 0; c < classes; c++) out[m][row + c] = logits[c] / sum;
      }
    }
  });
  return out;
}
