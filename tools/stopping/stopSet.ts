import { rngFor, sampleIndices } from "../random.js";

/**
 * The stop set: `size` pool indices (the whole pool when it is smaller), ascending, drawn from the
 * seed alone. It never looks at what is labeled, so every round (and a resumed run) compares models
 * on the very same items, as the stabilizing-predictions papers and small-text keep it fixed.
 */
export function drawStopSet(poolSize: number, size: number, seed: number): Uint32Array {
  return sampleIndices(poolSize, size, rngFor(seed, "stop-set"));
}
