/** Average marginal effect of a binary treatment on the treated, for a Poisson (log-link) fit. */
import type { Design } from './design.js';
import type { GlmFit } from './glm.js';
import { checkFitDesign } from './clusters.js';

/**
 * AME on the treated: mean over the rows flagged in `treated` (= 1) of exp(η_i) − exp(η_i − β_T),
 * the fitted rate with and without the treatment, where `tIndex` is the treatment's position in
 * fit.coef. Returns the gradient wrt fit.coef for the delta-method SE (deltaMethodSe).
 * NaN (estimate and gradient) when no row is treated.
 *
 * With absorbed fixed effects the gradient is wrt β holding γ_f = α_f + x̄_f′β fixed (the demeaned
 * design's parametrisation): g_j = mean((μ1 − μ0) x̃_j) + δ_jt mean(μ0), and `groupGradient[f]` =
 * Σ_{treated in f} (μ1 − μ0) / m (see marginal-effects.ts).
 */
export function poissonAmeOnTreated(
  fit: GlmFit,
  X: Design,
  tIndex: number,
  treated: Float64Array | Uint8Array,
): { estimate: number; gradient: Float64Array; groupGradient?: Float64Array } {
  if (fit.family !== 'poisson') throw new RangeError(`Poisson AME on the treated needs a Poisson fit, got ${fit.family}`);
  checkFitDesign(fit, X);
  if (treated.length !== X.n) throw new RangeError(`treated has length ${treated.length}, design has ${X.n} rows`);
  const p = fit.p;
  if (!Number.isInteger(tIndex) || tIndex < 0 || tIndex >= p) throw new RangeError(`treatment index ${tIndex} out of range 0..${p - 1}`);
  const ab = fit.absorbed;
  const cols = Array.from(fit.columnIndex, (c) => (ab ?? { design: X }).design.columns[c]!);
  const bT = fit.coef[tIndex]!;
  const grad = new Float64Array(p);
  const groupGradient = ab ? new Float64Array(ab.count) : null;
  let sum = 0;
  let m = 0;
  for (let i = 0; i < X.n; i++) {
    if (treated[i] !== 1) continue;
    const eta = fit.linearPredictor[i]!;
    const mu1 = Math.exp(eta);
    const mu0 = Math.exp(eta - bT);
    sum += mu1 - mu0;
    m++;
    if (groupGradient !== null) {
      const f = ab!.groups.ofAll[i]!;
      if (f >= 0) groupGradient[f]! += mu1 - mu0;
      for (let j = 0; j < p; j++) grad[j]! += (mu1 - mu0) * cols[j]![i]! + (j === tIndex ? mu0 : 0);
      continue;
    }
    for (let j = 0; j < p; j++) {
      const x = cols[j]![i]!;
      grad[j]! += mu1 * x - mu0 * (j === tIndex ? 0 : x);
    }
  }
  if (m === 0) return { estimate: NaN, gradient: new Float64Array(p).fill(NaN) };
  for (let j = 0; j < p; j++) grad[j]! /= m;
  if (groupGradient !== null) {
    for (let f = 0; f < groupGradient.length; f++) groupGradient[f]! /= m;
    return { estimate: sum / m, gradient: grad, groupGradient };
  }
  return { estimate: sum / m, gradient: grad };
}
