import { describe, expect, it } from 'vitest';
import { multiplyDesign, prepareDesign, weightedCross, weightedGram } from '../../../src/stats/regression/design.js';
import { choleskyInverse, choleskyWithDrop, symmetricEigen } from '../../../src/stats/regression/linalg.js';
import { gauss, rng } from './helpers.js';

describe('column-wise cross-products', () => {
  // Naive reference: Σ_i w_i x_ia x_ib by a plain triple loop.
  const u = rng(5);
  const n = 3000;
  const columns: Float64Array[] = [Float64Array.from({ length: n }, () => 1)];
  for (let j = 0; j < 6; j++) columns.push(Float64Array.from({ length: n }, () => gauss(u)));
  const school = Int32Array.from({ length: n }, () => Math.floor(u() * 12));
  for (let s = 1; s < 12; s++) columns.push(Float64Array.from(school, (v) => (v === s ? 1 : 0)));
  columns.push(new Float64Array(n)); // all-zero column
  columns.push(Float64Array.from({ length: n }, () => (u() < 0.1 ? gauss(u) : 0))); // sparse non-binary
  const names = columns.map((_, j) => `c${j}`);
  const X = { n, names, columns };
  const w = Float64Array.from({ length: n }, () => 0.1 + u());

  it('stores mostly-zero columns sparse and reproduces the naive X′WX, X′Wz and Xβ', () => {
    const P = prepareDesign(X);
    expect(P.nzIndex[0]).toBeNull();
    expect(P.nzIndex[8]).not.toBeNull();
    expect(P.nzIndex[18]!.length).toBe(0);
    const cols = [3, 0, 8, 18, 19, 1, 12, 2, 4, 5, 6];
    const G = weightedGram(P, cols, w);
    const q = cols.length;
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i]! * columns[cols[a]!]![i]! * columns[cols[b]!]![i]!;
        expect(G[a * q + b]).toBeCloseTo(s, 8);
      }
    }
    const z = Float64Array.from({ length: n }, () => gauss(u));
    const xz = weightedCross(P, cols, w, z);
    cols.forEach((c, a) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i]! * z[i]! * columns[c]![i]!;
      expect(xz[a]).toBeCloseTo(s, 8);
    });
    const beta = cols.map((_, a) => a - 3.5);
    const eta = multiplyDesign(P, cols, beta);
    for (let i = 0; i < n; i += 97) {
      let s = 0;
      cols.forEach((c, a) => (s += beta[a]! * columns[c]![i]!));
      expect(eta[i]).toBeCloseTo(s, 10);
    }
  });

  it('Cholesky with dropping: inverse of the kept block, aliased columns reported in order', () => {
    // G = A'A for A with columns a, b, a + b, 0, c → drops positions 2 and 3.
    const a = [1, 2, 0, 1];
    const b = [0, 1, 1, 3];
    const c = [2, 0, 1, 1];
    const A = [a, b, a.map((v, i) => v + b[i]!), [0, 0, 0, 0], c];
    const q = A.length;
    const G = new Float64Array(q * q);
    for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) G[i * q + j] = A[i]!.reduce((s, v, k) => s + v * A[j]![k]!, 0);
    const ch = choleskyWithDrop(G, q);
    expect(ch.keep).toEqual([0, 1, 4]);
    expect(ch.drop).toEqual([2, 3]);
    const B = choleskyInverse(ch.L, 3);
    // B · G[keep, keep] = I
    const keep = ch.keep;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += B[i * 3 + k]! * G[keep[k]! * q + keep[j]!]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('symmetric eigendecomposition (Jacobi for small, ml-matrix for larger) reconstructs A = V Λ V′', () => {
    const u = rng(8);
    for (const r of [2, 3, 7, 12, 13, 20]) {
      const A = new Float64Array(r * r);
      for (let i = 0; i < r; i++) for (let j = 0; j <= i; j++) A[i * r + j] = A[j * r + i] = gauss(u);
      const { values, vectors } = symmetricEigen(A, r);
      for (let i = 0; i < r; i++) {
        for (let j = 0; j < r; j++) {
          let s = 0;
          let o = 0;
          for (let k = 0; k < r; k++) {
            s += vectors[i * r + k]! * values[k]! * vectors[j * r + k]!;
            o += vectors[k * r + i]! * vectors[k * r + j]!;
          }
          expect(s).toBeCloseTo(A[i * r + j]!, 11);
          expect(o).toBeCloseTo(i === j ? 1 : 0, 11);
        }
      }
    }
  });
});
