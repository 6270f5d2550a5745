/**
 * Mixed-effects meta-regression y = Xβ + u + e (METHODS.md §13), as metafor 3.8's
 * rma(yi, vi, mods = ~ x, method = "REML" | "DL", test = "z" | "knha"): coefficient table,
 * residual τ², I², H², R² against the intercept-only model, QE and the omnibus QM.
 */
import { chiSquareSurvival } from '../chi-square.js';
import { choleskyInverse, choleskyWithDrop, principalSubmatrix } from '../regression/linalg.js';
import { checkedStudies, interceptColumn, interceptDesign, namedDesign } from './meta-input.js';
import type { MetaRegressionInput, MetaRegressionResult, MetaTest } from './meta-types.js';
import { fSurvival } from '../f-distribution.js';
import { heterogeneity } from './heterogeneity.js';
import { checkLevel, estimateTau2, rmaFit, waldRow } from './rma-fit.js';

export interface MetaRegressionOptions {
  method: 'REML' | 'DL';
  test: MetaTest;
  level?: number;
}

/** Meta-regression of yi on the design X (intercept included by the caller) as rma(yi, vi, mods, method, test). */
export function metaRegression(input: MetaRegressionInput, opts: MetaRegressionOptions): MetaRegressionResult {
  const { y, v } = checkedStudies(input.yi, input.vi);
  const level = checkLevel(opts.level ?? 0.95);
  const k = y.length;
  const m = rmaFit(namedDesign(input.X, k, input.names), y, v, opts.method, opts.test);
  const p = m.X.columns.length;
  const coefficients = m.X.names.map((name, a) => waldRow(name, m.fit.coef[a]!, m.vb[a * p + a]!, m.df, level));
  const het = heterogeneity(m.X, y, v, opts.method, m.tau2);
  const icpt = interceptColumn(m.X);
  const btt = m.X.names.map((_, a) => a).filter((a) => a !== icpt);
  const qm = omnibus(m.fit.coef, m.vb, p, btt, m.df);
  let R2: number | null = null;
  if (icpt >= 0) {
    const tau20 = estimateTau2(interceptDesign(k), y, v, opts.method).tau2;
    R2 = tau20 > 0 ? Math.max(0, (tau20 - m.tau2) / tau20) : 0;
  }
  return {
    method: opts.method,
    test: opts.test,
    level,
    k,
    coefficients,
    dropped: m.dropped,
    tau2: m.tau2,
    I2: het.I2,
    H2: het.H2,
    R2,
    QE: het.QE,
    QE_df: het.QE_df,
    QE_p: het.QE_p,
    ...qm,
    notes: m.notes,
  };
}

/** QM = β′V⁻¹β over `btt`: χ²(m) p-value, or for knha (df given) QM/m against F(m, df). */
function omnibus(
  beta: Float64Array,
  vb: Float64Array,
  p: number,
  btt: number[],
  df: number | null,
): Pick<MetaRegressionResult, 'QM' | 'QM_df1' | 'QM_df2' | 'QM_p'> {
  const q = btt.length;
  if (q === 0) return { QM: null, QM_df1: null, QM_df2: null, QM_p: null };
  const sub = principalSubmatrix(vb, p, btt);
  const { keep, L } = choleskyWithDrop(sub, q, 0);
  if (keep.length < q) return { QM: NaN, QM_df1: q, QM_df2: df, QM_p: NaN };
  const inv = choleskyInverse(L, q);
  let QM = 0;
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) QM += beta[btt[a]!]! * inv[a * q + b]! * beta[btt[b]!]!;
  if (df === null) return { QM, QM_df1: q, QM_df2: null, QM_p: chiSquareSurvival(QM, q) };
  const F = QM / q;
  return { QM: F, QM_df1: q, QM_df2: df, QM_p: fSurvival(F, q, df) };
}
