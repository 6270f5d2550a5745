/** Joint Wald test of several coefficients from a coefficient covariance matrix. */
import { Matrix, inverse } from 'ml-matrix';
import { chiSquareSurvival } from '../chi-square.js';

/** Joint Wald test that the coefficients at `indices` are zero: W = b′V⁻¹b against χ²(q). Returns the p-value (NaN if V is singular or no index is given). */
export function waldTestP(coef: Float64Array, vcov: Float64Array, p: number, indices: number[]): number {
  const q = indices.length;
  if (q === 0) return NaN;
  const b = Matrix.columnVector(indices.map((i) => coef[i]!));
  const V = new Matrix(indices.map((i) => indices.map((j) => vcov[i * p + j]!)));
  try {
    const W = b.transpose().mmul(inverse(V)).mmul(b).get(0, 0);
    return Number.isFinite(W) && W >= 0 ? chiSquareSurvival(W, q) : NaN;
  } catch {
    return NaN;
  }
}
