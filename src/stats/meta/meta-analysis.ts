/**
 * Pooling k estimates: fixed effect, DerSimonian–Laird or REML random effects, with a Wald or
 * Hartung–Knapp–Sidik–Jonkman test, heterogeneity (Q, I², H²) and the prediction interval, as
 * metafor 3.8's rma(yi, vi, method, test) and predict() (METHODS.md §5).
 */
import { normalQuantile } from '../normal.js';
import { tQuantile } from '../student-t.js';
import { checkedStudies, interceptDesign } from './meta-input.js';
import type { MetaAnalysisResult, MetaInput, MetaOptions } from './meta-types.js';
import { heterogeneity } from './heterogeneity.js';
import { checkLevel, rmaFit, waldRow } from './rma-fit.js';

/** Pools { yi, vi } as rma(yi, vi, method, test, level) with predict()'s prediction interval; k = 1 returns the estimate with its z CI and a note. */
export function metaAnalysis(input: MetaInput, opts: MetaOptions): MetaAnalysisResult {
  const { y, v } = checkedStudies(input.yi, input.vi);
  const level = checkLevel(opts.level ?? 0.95);
  const k = y.length;
  if (k === 1) return singleEstimate(y[0]!, v[0]!, opts, level);
  const X = interceptDesign(k);
  const m = rmaFit(X, y, v, opts.method, opts.test);
  const row = waldRow('(Intercept)', m.fit.coef[0]!, m.vb[0]!, m.df, level);
  const het = heterogeneity(X, y, v, opts.method, m.tau2);
  const upper = 1 - (1 - level) / 2;
  const crit = m.df === null ? normalQuantile(upper) : tQuantile(upper, m.df);
  // metafor's predict() gives no prediction interval for a fixed-effect model.
  const half = opts.method === 'FE' ? null : crit * Math.sqrt(m.tau2 + row.se * row.se);
  let sw = 0;
  for (const w of m.weights) sw += w;
  return {
    method: opts.method,
    test: opts.test,
    level,
    k,
    estimate: row.estimate,
    se: row.se,
    ci_low: row.ci_low,
    ci_high: row.ci_high,
    statistic: row.statistic,
    df: row.df,
    p_value: row.p_value,
    tau2: m.tau2,
    tau: Math.sqrt(m.tau2),
    I2: het.I2,
    H2: het.H2,
    Q: het.QE,
    Q_df: het.QE_df,
    Q_p: het.QE_p,
    pi_low: half === null ? null : row.estimate - half,
    pi_high: half === null ? null : row.estimate + half,
    pi_method: m.df === null ? 'z' : 't_k-1',
    weights: Array.from(m.weights, (w) => w / sw),
    notes: m.notes,
  };
}

/** One estimate: itself with its own z interval (metafor switches to test = "z" at k = 1); nothing about heterogeneity. */
function singleEstimate(y: number, v: number, opts: MetaOptions, level: number): MetaAnalysisResult {
  const row = waldRow('(Intercept)', y, v, null, level);
  return {
    method: opts.method,
    test: 'z',
    level,
    k: 1,
    estimate: y,
    se: row.se,
    ci_low: row.ci_low,
    ci_high: row.ci_high,
    statistic: row.statistic,
    df: null,
    p_value: row.p_value,
    tau2: null,
    tau: null,
    I2: null,
    H2: null,
    Q: null,
    Q_df: null,
    Q_p: null,
    pi_low: null,
    pi_high: null,
    pi_method: 'z',
    weights: [1],
    notes: ['single_estimate'],
  };
}
