/**
 * Weighted least squares pieces of the meta-analytic model for small k: the fit itself (through
 * src/stats/regression's fitLinear) and metafor's P = W − W X (X′WX)⁻¹ X′W, whose trace and
 * squared trace drive the DL and REML τ² estimators and I² (never as a k×k matrix).
 */
import type { Design } from '../regression/design.js';
import { type GlmFit, fitLinear } from '../regression/glm.js';

export interface WeightedPieces {
  fit: GlmFit;
  /** Σ w r², r = y − Xβ̂ (= Y′PY). */
  rss: number;
  /** tr(P) = Σ w − Σ w² hᵢᵢ, hᵢⱼ = xᵢ′(X′WX)⁻¹xⱼ. */
  traceP: number;
}

/** WLS of y on X (every column kept: call with an alias-free design) with its Y′PY and tr(P). */
export function weightedPieces(X: Design, y: Float64Array, w: Float64Array): WeightedPieces {
  const fit = fitLinear(X, y, { weights: w });
  if (fit.p !== X.columns.length) throw new RangeError('design became aliased under the meta-analytic weights');
  let rss = 0;
  let traceP = 0;
  for (let i = 0; i < X.n; i++) {
    rss += w[i]! * fit.residuals[i]! * fit.residuals[i]!;
    traceP += w[i]! - w[i]! * w[i]! * hat(X, fit.bread, i, i);
  }
  return { fit, rss, traceP };
}

/**
 * tr(P²) for weights w and bread B = (X′WX)⁻¹, without the k×k matrix: with A = W X B X′W, P = W − A and
 * tr(P²) = Σ w² − 2 Σ w³ hᵢᵢ + tr((B M)²), M = X′W²X (p×p); O(k p² + p³).
 */
export function traceP2(X: Design, w: Float64Array, B: Float64Array): number {
  const p = X.columns.length;
  let s = 0;
  for (let i = 0; i < X.n; i++) s += w[i]! * w[i]! - 2 * w[i]! ** 3 * hat(X, B, i, i);
  const M = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let m = 0;
      const xa = X.columns[a]!;
      const xb = X.columns[b]!;
      for (let i = 0; i < X.n; i++) m += w[i]! * w[i]! * xa[i]! * xb[i]!;
      M[a * p + b] = m;
      M[b * p + a] = m;
    }
  }
  const BM = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) for (let c = 0; c < p; c++) BM[a * p + b]! += B[a * p + c]! * M[c * p + b]!;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) s += BM[a * p + b]! * BM[b * p + a]!;
  return s;
}

/** xᵢ′ B xⱼ for the design's rows i and j. */
export function hat(X: Design, B: Float64Array, i: number, j: number): number {
  const p = X.columns.length;
  let s = 0;
  for (let a = 0; a < p; a++) {
    const xa = X.columns[a]![i]!;
    if (xa === 0) continue;
    for (let b = 0; b < p; b++) s += xa * B[a * p + b]! * X.columns[b]![j]!;
  }
  return s;
}
