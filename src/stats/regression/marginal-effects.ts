/** Average marginal effect of a binary treatment on the treated, for a logistic fit. */
import type { Design } from './design.js';
import type { GlmFit } from './glm.js';
import { checkFitDesign } from './clusters.js';

function logistic(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** Λ'(η) = Λ(η)(1 − Λ(η)). */
function logisticDensity(eta: number): number {
  const m = logistic(eta);
  return m * (1 - m);
}

/**
 * AME on the treated: mean over the rows flagged in `treated` (non-zero) of
 * Λ(η_i with treatment = 1) − Λ(η_i with treatment = 0), where η_i is the fitted linear
 * predictor and `treatmentColumn` is the treatment's column index in the design X. Returns the
 * gradient wrt fit.coef for the delta-method SE (deltaMethodSe(gradient, vcov)).
 * If the treatment column was dropped as aliased, estimate is NaN and the gradient is NaN.
 *
 * With absorbed fixed effects the gradient is wrt β holding γ_f = α_f + x̄_f′β fixed (the
 * parametrisation of the demeaned design, whose bread the fit holds): g_a = mean(Δ′ x̃_a) +
 * δ_at mean(Λ′(η0)), Δ′ = Λ′(η1) − Λ′(η0); `groupGradient[f]` = Σ_{treated in f} Δ′ / m is the
 * gradient wrt γ_f (it adds nothing to the variance when the groups are nested in the clusters).
 */
export function averageMarginalEffectOnTreated(
  fit: GlmFit,
  X: Design,
  treatmentColumn: number,
  treated: Uint8Array | Float64Array,
): { estimate: number; gradient: Float64Array; groupGradient?: Float64Array } {
  if (fit.family !== 'binomial') throw new RangeError(`AME on the treated needs a logistic fit, got ${fit.family}`);
  checkFitDesign(fit, X);
  if (treated.length !== X.n) throw new RangeError(`treated has length ${treated.length}, design has ${X.n} rows`);
  if (!Number.isInteger(treatmentColumn) || treatmentColumn < 0 || treatmentColumn >= X.columns.length) {
    throw new RangeError(`treatment column ${treatmentColumn} out of range`);
  }
  const p = fit.p;
  const t = fit.columnIndex.indexOf(treatmentColumn);
  if (t < 0) return { estimate: NaN, gradient: new Float64Array(p).fill(NaN) };
  const betaT = fit.coef[t]!;
  const xT = X.columns[treatmentColumn]!;
  const eta = fit.linearPredictor;
  const rows: number[] = [];
  for (let i = 0; i < X.n; i++) if (treated[i] !== 0) rows.push(i);
  const m = rows.length;
  if (m === 0) return { estimate: NaN, gradient: new Float64Array(p).fill(NaN) };

  let sum = 0;
  let d1sum = 0;
  const diff = new Float64Array(m); // Λ'(η1) − Λ'(η0)
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    const eta0 = eta[i]! - betaT * xT[i]!;
    const eta1 = eta0 + betaT;
    sum += logistic(eta1) - logistic(eta0);
    const d1 = logisticDensity(eta1);
    d1sum += d1;
    diff[k] = d1 - logisticDensity(eta0);
  }
  const gradient = new Float64Array(p);
  const ab = fit.absorbed;
  if (ab !== undefined) {
    let d0sum = 0;
    const groupGradient = new Float64Array(ab.count);
    for (let k = 0; k < m; k++) {
      const i = rows[k]!;
      d0sum += logisticDensity(eta[i]! - betaT * xT[i]!);
      const f = ab.groups.ofAll[i]!;
      if (f >= 0) groupGradient[f]! += diff[k]! / m;
    }
    for (let a = 0; a < p; a++) {
      const x = ab.design.columns[fit.columnIndex[a]!]!;
      let g = 0;
      for (let k = 0; k < m; k++) g += diff[k]! * x[rows[k]!]!;
      gradient[a] = g / m + (a === t ? d0sum / m : 0);
    }
    return { estimate: sum / m, gradient, groupGradient };
  }
  for (let a = 0; a < p; a++) {
    if (a === t) {
      gradient[a] = d1sum / m; // ∂/∂β_T: x_T = 1 in the first term, 0 in the second
      continue;
    }
    const x = X.columns[fit.columnIndex[a]!]!;
    let g = 0;
    for (let k = 0; k < m; k++) g += diff[k]! * x[rows[k]!]!;
    gradient[a] = g / m;
  }
  return { estimate: sum / m, gradient };
}
