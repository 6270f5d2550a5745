/**
 * Between-study variance estimators as metafor's rma.uni computes them: DerSimonian–Laird,
 * Hedges (HE, the REML starting value) and REML by Fisher scoring.
 */
import type { Design } from '../regression/design.js';
import { fitLinear } from '../regression/glm.js';
import { hat, traceP2, weightedPieces } from './projection.js';

/** DerSimonian–Laird τ² = max(0, (QE − (k − p)) / tr(P)) with the fixed-effect weights 1/v. */
export function tau2DerSimonianLaird(X: Design, y: Float64Array, v: Float64Array): number {
  const k = y.length;
  const p = X.columns.length;
  if (k <= p) return 0;
  const { rss, traceP } = weightedPieces(X, y, v.map((x) => 1 / x));
  return Math.max(0, (rss - (k - p)) / traceP);
}

/** Hedges' τ² = (RSS_OLS − tr(P_OLS V)) / (k − p), not truncated (metafor truncates it at 0 before using it as the REML start). */
export function tau2Hedges(X: Design, y: Float64Array, v: Float64Array): number {
  const k = y.length;
  const p = X.columns.length;
  const fit = fitLinear(X, y);
  let rss = 0;
  let trPV = 0;
  for (let i = 0; i < k; i++) {
    rss += fit.residuals[i]! * fit.residuals[i]!;
    trPV += (1 - hat(X, fit.bread, i, i)) * v[i]!;
  }
  return (rss - trPV) / (k - p);
}

export interface RemlTau2 {
  tau2: number;
  iterations: number;
  converged: boolean;
}

/**
 * REML τ² by metafor's Fisher scoring: start at max(0, HE), step (Y′PPY − tr P)/tr(PP), halve a
 * step that would make τ² negative, stop when the change is at most `threshold` (1e-10).
 */
export function tau2Reml(X: Design, y: Float64Array, v: Float64Array, threshold = 1e-10, maxIter = 1000): RemlTau2 {
  const k = y.length;
  if (X.columns.length === 1 && X.columns[0]!.every((x) => x === 1)) return tau2RemlIntercept(y, v, threshold, maxIter);
  let tau2 = Math.max(0, tau2Hedges(X, y, v));
  if (!Number.isFinite(tau2)) tau2 = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    const w = v.map((x) => 1 / (x + tau2));
    const { fit, traceP } = weightedPieces(X, y, w);
    let ypp = 0; // Y′PPY = |W r|²
    for (let i = 0; i < k; i++) ypp += (w[i]! * fit.residuals[i]!) ** 2;
    const adj = fisherStep(tau2, (ypp - traceP) / traceP2(X, w, fit.bread));
    tau2 += adj;
    if (Math.abs(adj) <= threshold) return { tau2, iterations: iter, converged: true };
  }
  return { tau2, iterations: maxIter, converged: false };
}

/**
 * The same Fisher scoring for the intercept-only model (a plain meta-analysis) in closed form, O(k) a step with no
 * allocation: μ = Σwy/Σw, tr(P) = Σw − Σw²/Σw, tr(P²) = Σw² − 2Σw³/Σw + (Σw²/Σw)², Y′PPY = Σ(w(y − μ))²; HE start
 * (Σ(y − ȳ)² − Σv·(1 − 1/k))/(k − 1). Equal to the general path (tested).
 */
function tau2RemlIntercept(y: Float64Array, v: Float64Array, threshold: number, maxIter: number): RemlTau2 {
  const k = y.length;
  let mean = 0;
  for (let i = 0; i < k; i++) mean += y[i]! / k;
  let ss = 0;
  let sv = 0;
  for (let i = 0; i < k; i++) {
    ss += (y[i]! - mean) ** 2;
    sv += v[i]! * (1 - 1 / k);
  }
  let tau2 = k > 1 ? Math.max(0, (ss - sv) / (k - 1)) : 0;
  if (!Number.isFinite(tau2)) tau2 = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    let sw = 0;
    let sw2 = 0;
    let sw3 = 0;
    let swy = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / (v[i]! + tau2);
      sw += w;
      sw2 += w * w;
      sw3 += w * w * w;
      swy += w * y[i]!;
    }
    const mu = swy / sw;
    let ypp = 0;
    for (let i = 0; i < k; i++) ypp += ((y[i]! - mu) / (v[i]! + tau2)) ** 2;
    const traceP = sw - sw2 / sw;
    const traceP2 = sw2 - (2 * sw3) / sw + (sw2 / sw) ** 2;
    const adj = fisherStep(tau2, (ypp - traceP) / traceP2);
    tau2 += adj;
    if (Math.abs(adj) <= threshold) return { tau2, iterations: iter, converged: true };
  }
  return { tau2, iterations: maxIter, converged: false };
}

/** metafor's Fisher-scoring step: 0 when not finite; halved until τ² + step ≥ 0 (from τ² = 0 that ends at 0). */
function fisherStep(tau2: number, step: number): number {
  let adj = Number.isFinite(step) ? step : 0;
  if (tau2 + adj < 0) {
    if (tau2 === 0) adj = 0;
    else while (tau2 + adj < 0) adj /= 2;
  }
  return adj;
}
