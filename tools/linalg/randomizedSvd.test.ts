import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random.js";
import { type CsrMatrix, csrFromDense } from "./csr.js";
import { truncatedSvd } from "./randomizedSvd.js";

/** A sparse matrix whose column j is scaled by 0.85^j, so its spectrum decays as TF-IDF's does; and the same entries dense. */
function decayingPair(rows: number, cols: number, seed: number): { sparse: CsrMatrix; dense: number[][] } {
  const rng = mulberry32(seed);
  const dense = Array.from({ length: rows }, () => Array.from({ length: cols }, (_, j) => (rng.next() < 0.2 ? (rng.next() + 0.1) * 0.85 ** j : 0)));
  return {
    sparse: csrFromDense(dense),
    dense,
  };
}

describe("truncatedSvd", () => {
  const { sparse, dense } = decayingPair(300, 60, 7);
  const exact = new SingularValueDecomposition(new Matrix(dense), { computeLeftSingularVectors: false });
  const svd = truncatedSvd(sparse, { rank: 8, oversamples: 10, powerIterations: 5, seed: 0 });

  it("finds the top singular values of a full SVD, in decreasing order", () => {
    for (let t = 0; t < 8; t++) expect(svd.singularValues[t]).toBeCloseTo(exact.diagonal[t], 4);
  });

  it("gives orthonormal components that span the top right singular vectors", () => {
    const V = exact.rightSingularVectors;
    for (let t = 0; t < 8; t++) {
      let norm = 0;
      let alignment = 0;
      for (let c = 0; c < 60; c++) {
        const v = svd.components[c * 8 + t];
        norm += v * v;
        alignment += v * V.get(c, t);
      }
      expect(norm).toBeCloseTo(1, 4);
      // The sign of a singular vector is arbitrary.
      expect(Math.abs(alignment)).toBeCloseTo(1, 3);
    }
  });

  it("is deterministic for a seed", () => {
    const again = truncatedSvd(sparse, { rank: 8, oversamples: 10, powerIterations: 5, seed: 0 });
    expect(again.components).toEqual(svd.components);
  });

  it("finds them as well when the matrix has more columns than rows (more terms than texts)", () => {
    const wide = decayingPair(60, 300, 9);
    const full = new SingularValueDecomposition(new Matrix(wide.dense), { computeLeftSingularVectors: false, autoTranspose: true });
    const found = truncatedSvd(wide.sparse, { rank: 8, oversamples: 10, powerIterations: 5, seed: 0 });
    for (let t = 0; t < 8; t++) expect(found.singularValues[t]).toBeCloseTo(full.diagonal[t], 4);
  });

  it("caps the rank at the matrix's smaller side", () => {
    const small = decayingPair(5, 40, 1).sparse;
    expect(truncatedSvd(small, { rank: 100, oversamples: 10, powerIterations: 2, seed: 0 }).rank).toBe(5);
  });
});
