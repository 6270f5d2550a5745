/**
 * The random-effects (or fixed-effect) model y = Xβ + u + e, u ~ N(0, τ²), e ~ N(0, v), fitted
 * as metafor's rma.uni: τ² by the chosen estimator, β by WLS with w = 1/(v + τ²), vb = (X′WX)⁻¹,
 * scaled for knha by s² = Σ w r²/(k − p) (0 when that sum is ≤ machine epsilon; no truncation
 * at 1, metafor's default; its test = "adhoc" would truncate) and tested against t(k − p).
 */
import type { Design } from '../regression/design.js';
import { type GlmFit, fitLinear } from '../regression/glm.js';
import { normalCdf, normalQuantile } from '../normal.js';
import { tQuantile, tTwoSidedP } from '../student-t.js';
import type { MetaCoefficient, MetaMethod, MetaNote, MetaTest } from './meta-types.js';
import { tau2DerSimonianLaird, tau2Reml } from './tau2-estimators.js';
import { weightedPieces } from './projection.js';

export interface RmaFit {
  /** The alias-free design the model was fitted on (kept columns only). */
  X: Design;
  dropped: string[];
  tau2: number;
  /** Final WLS fit with w = 1/(v + τ²). */
  fit: GlmFit;
  weights: Float64Array;
  /** Covariance of β̂ (p×p row-major), knha-scaled when asked. */
  vb: Float64Array;
  /** t df k − p for knha, null for z. */
  df: number | null;
  notes: MetaNote[];
}

const DBL_EPSILON = 2.220446049250313e-16;

/** The design without the columns aliased under the fixed-effect weights 1/v (listed in `dropped`). */
export function aliasFree(X: Design, y: Float64Array, v: Float64Array): { X: Design; dropped: string[] } {
  const fit = fitLinear(X, y, { weights: v.map((x) => 1 / x) });
  if (fit.dropped.length === 0) return { X, dropped: [] };
  const cols = Array.from(fit.columnIndex);
  return { X: { n: X.n, names: cols.map((j) => X.names[j]!), columns: cols.map((j) => X.columns[j]!) }, dropped: fit.dropped };
}

/** τ² of the chosen estimator on an alias-free design (FE: 0), with a note when REML did not converge. */
export function estimateTau2(X: Design, y: Float64Array, v: Float64Array, method: MetaMethod): { tau2: number; notes: MetaNote[] } {
  if (method === 'FE') return { tau2: 0, notes: [] };
  if (method === 'DL') return { tau2: tau2DerSimonianLaird(X, y, v), notes: [] };
  const r = tau2Reml(X, y, v);
  return { tau2: r.tau2, notes: r.converged ? [] : ['tau2_not_converged'] };
}

/** Fits the model as rma.uni(yi, vi, mods = X, method, test) does (X holds its own intercept). */
export function rmaFit(X0: Design, y: Float64Array, v: Float64Array, method: MetaMethod, test: MetaTest): RmaFit {
  const { X, dropped } = aliasFree(X0, y, v);
  const k = y.length;
  const p = X.columns.length;
  const { tau2, notes } = estimateTau2(X, y, v, method);
  const weights = v.map((x) => 1 / (x + tau2));
  const { fit, rss } = weightedPieces(X, y, weights);
  let vb = fit.bread.slice();
  let df: number | null = null;
  if (test === 'knha') {
    const s2 = rss <= DBL_EPSILON ? 0 : rss / (k - p);
    vb = vb.map((x) => x * s2);
    df = k - p;
  }
  return { X, dropped, tau2, fit, weights, vb, df, notes };
}

/** Wald test and level CI of c′β for variance `variance`, against t(df) or (df null) the normal. */
export function waldRow(name: string, estimate: number, variance: number, df: number | null, level: number): MetaCoefficient {
  const se = variance >= 0 ? Math.sqrt(variance) : NaN;
  const statistic = estimate / se;
  const upper = 1 - (1 - level) / 2;
  const crit = df === null ? normalQuantile(upper) : tQuantile(upper, df);
  const p_value = df === null ? Math.min(1, 2 * normalCdf(-Math.abs(statistic))) : tTwoSidedP(statistic, df);
  return { name, estimate, se, statistic, df, p_value, ci_low: estimate - crit * se, ci_high: estimate + crit * se };
}

/** Throws a RangeError unless 0 < level < 1. */
export function checkLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return level;
}
