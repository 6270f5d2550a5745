/** Joint Wald test of several coefficients from a coefficient covariance matrix. */
import { Matrix, inverse } from 'ml-matrix';
import { chiSquareSurvival } from '../chi-square.js';
import { RANK_TOL } from './linalg.js';

/**
 * b′V⁻¹b by a Cholesky factor of V (q³/6 multiply-adds on typed arrays: about a second at q = 1,800, the school
 * dimension's interaction test of a 1M-student district, where an explicit inverse took tens of seconds); null
 * when V is not numerically positive definite (the caller then inverts it as before).
 */
function quadFormCholesky(b: Float64Array, V: Float64Array, q: number): number | null {
  const L = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    const rj = j * q;
    let d = V[rj + j]!;
    for (let k = 0; k < j; k++) d -= L[rj + k]! * L[rj + k]!;
    // a pivot within rounding of zero (V singular or nearly so): leave it to the explicit inverse, as before
    if (!(d > RANK_TOL * Math.abs(V[rj + j]!)) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    L[rj + j] = ljj;
    for (let i = j + 1; i < q; i++) {
      const ri = i * q;
      let s = V[ri + j]!;
      for (let k = 0; k < j; k++) s -= L[ri + k]! * L[rj + k]!;
      L[ri + j] = s / ljj;
    }
  }
  // W = |z|² with L z = b
  const z = new Float64Array(q);
  let w = 0;
  for (let i = 0; i < q; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * q + k]! * z[k]!;
    z[i] = s / L[i * q + i]!;
    w += z[i]! * z[i]!;
  }
  return w;
}

/** Joint Wald test that the coefficients at `indices` are zero: W = b′V⁻¹b against χ²(q). Returns the p-value (NaN if V is singular or no index is given). */
export function waldTestP(coef: Float64Array, vcov: Float64Array, p: number, indices: number[]): number {
  const q = indices.length;
  if (q === 0) return NaN;
  const bv = Float64Array.from(indices, (i) => coef[i]!);
  const Vs = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) Vs[a * q + c] = vcov[indices[a]! * p + indices[c]!]!;
  let W = quadFormCholesky(bv, Vs, q);
  if (W === null) {
    // not positive definite: an explicit inverse, which is singular (NaN) or gives the indefinite form's value
    try {
      const b = Matrix.columnVector(Array.from(bv));
      const V = new Matrix(indices.map((i) => indices.map((j) => vcov[i * p + j]!)));
      W = b.transpose().mmul(inverse(V)).mmul(b).get(0, 0);
    } catch {
      return NaN;
    }
  }
  return Number.isFinite(W) && W >= 0 ? chiSquareSurvival(W, q) : NaN;
}
