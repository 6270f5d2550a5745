/**
 * The joint Wald test b′V⁻¹b against χ²(q): by hand on a diagonal V, against an explicit inverse (ml-matrix) on a
 * dense positive definite V of order 300, and NaN for a singular V.
 */
import { describe, it, expect } from 'vitest';
import { Matrix, inverse } from 'ml-matrix';
import { waldTestP } from '../../../src/stats/regression/wald-test.js';
import { chiSquareSurvival } from '../../../src/stats/chi-square.js';

describe('waldTestP', () => {
  it('gives exp(−W/2) for two coefficients (χ² with 2 df), W by hand', () => {
    // W = 2²/4 + 3²/9 = 2, and the χ²(2) survival function is exp(−W/2)
    const p = waldTestP(Float64Array.from([2, 3, 99]), Float64Array.from([4, 0, 0, 0, 9, 0, 0, 0, 1]), 3, [0, 1]);
    expect(p).toBeCloseTo(Math.exp(-1), 12);
  });

  it('equals the explicit-inverse form on a dense positive definite V of order 300', () => {
    const q = 300;
    // V = A A′/q + I from a fixed pseudo-random A, b from the same stream
    let s = 12345;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
    const A = Array.from({ length: q }, () => Array.from({ length: q }, next));
    const Vm = new Matrix(A).mmul(new Matrix(A).transpose()).div(q).add(Matrix.eye(q));
    const b = Array.from({ length: q }, next);
    const W = Matrix.rowVector(b).mmul(inverse(Vm)).mmul(Matrix.columnVector(b)).get(0, 0);
    const V = Float64Array.from(Vm.to1DArray());
    const p = waldTestP(Float64Array.from(b), V, q, Array.from({ length: q }, (_, i) => i));
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(p - chiSquareSurvival(W, q)) / chiSquareSurvival(W, q)).toBeLessThan(1e-9);
  });

  it('is NaN when V is singular', () => {
    expect(waldTestP(Float64Array.from([1, 1]), Float64Array.from([1, 1, 1, 1]), 2, [0, 1])).toBeNaN();
    // rank 2 (49³·det = 0), whose last Cholesky pivot is rounding (4e-13), not 0: it must not pass as a huge W (p = 0)
    const V = Float64Array.from([136, -94, 38, -94, 65, -28, 38, -28, 113].map((x) => x / 49));
    expect(waldTestP(Float64Array.from([1, 1, 1]), V, 3, [0, 1, 2])).toBeNaN();
    expect(waldTestP(Float64Array.from([1]), Float64Array.from([1]), 1, [])).toBeNaN();
  });
});
