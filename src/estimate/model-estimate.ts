import {
  fitLinear,
  fitLogistic,
  fitPoisson,
  clusterVcov,
  satterthwaiteDf,
  coefTest,
  averageMarginalEffectOnTreated,
  deltaMethodSe,
  type GlmFit,
} from '../stats/regression/index.js';
import { tQuantile, normalQuantile, tTwoSidedP, normalCdf } from '../stats/index.js';
import type { DesignColumns } from './covariate-design.js';

/** How the standard errors of a model are computed. */
export type SeChoice = 'CR1' | 'CR2' | 'HC1';

/** One model's treatment effect on the outcome scale, with its ratio (OR/RR) when the link is not identity. */
export interface ModelEffect {
  estimate: number;
  se: number;
  df: number | null;
  ci_low: number;
  ci_high: number;
  p_value: number;
  ratio: number | null;
  ratio_ci_low: number | null;
  ratio_ci_high: number | null;
  se_type: string;
  clusters: number;
  converged: boolean;
  warning: string | null;
  /** coefficient and vcov of the treatment, for Wald tests */
  fit: GlmFit;
  vcov: Float64Array;
}

/** The model family for an outcome type: OLS, logistic or Poisson. */
export function familyFor(type: 'continuous' | 'binary' | 'count'): 'gaussian' | 'binomial' | 'poisson' {
  return type === 'binary' ? 'binomial' : type === 'count' ? 'poisson' : 'gaussian';
}

/** Fit a model of the family. */
export function fitFamily(family: 'gaussian' | 'binomial' | 'poisson', X: DesignColumns, y: Float64Array, weights?: Float64Array): GlmFit {
  const opts = weights ? { weights } : {};
  return family === 'binomial' ? fitLogistic(X, y, opts) : family === 'poisson' ? fitPoisson(X, y, opts) : fitLinear(X, y, opts);
}

/** Average marginal effect on the treated of a Poisson model: mean over treated of exp(η) − exp(η − β_T), with its gradient. */
export function poissonAmeOnTreated(fit: GlmFit, X: DesignColumns, tIndex: number, treated: Float64Array): { estimate: number; gradient: Float64Array } {
  const p = fit.names.length;
  const cols = fit.names.map((nm) => X.columns[X.names.indexOf(nm)]!);
  const bT = fit.coef[tIndex]!;
  const grad = new Float64Array(p);
  let sum = 0;
  let m = 0;
  for (let i = 0; i < X.n; i++) {
    if (treated[i] !== 1) continue;
    const eta = fit.linearPredictor[i]!;
    const mu1 = Math.exp(eta);
    const mu0 = Math.exp(eta - bT);
    sum += mu1 - mu0;
    m++;
    for (let j = 0; j < p; j++) {
      const x = cols[j]![i]!;
      grad[j] += mu1 * x - mu0 * (j === tIndex ? 0 : x);
    }
  }
  for (let j = 0; j < p; j++) grad[j]! /= m;
  return { estimate: sum / m, gradient: grad };
}

/**
 * Fit the outcome model and return the treatment effect: the coefficient for OLS; the average marginal
 * effect on the treated (delta-method SE) with the odds or rate ratio for logistic and Poisson models.
 * SEs are cluster-robust (CR2 with Satterthwaite df, or CR1 with G − 1 df) or HC1.
 */
export function modelEffect(
  family: 'gaussian' | 'binomial' | 'poisson',
  X: DesignColumns,
  y: Float64Array,
  treated: Float64Array,
  cluster: Int32Array,
  se: SeChoice,
  weights?: Float64Array,
): ModelEffect {
  const fit = fitFamily(family, X, y, weights);
  const tIndex = fit.names.indexOf('treatment');
  if (tIndex < 0) throw new Error('the treatment column was dropped as collinear');
  const { vcov, clusters } = clusterVcov(fit, X, cluster, se);
  const p = fit.names.length;
  let df: number | null = null;
  if (se === 'CR2') {
    const c = new Float64Array(p);
    c[tIndex] = 1;
    df = satterthwaiteDf(fit, X, cluster, c);
  } else if (se === 'CR1') df = clusters - 1;
  const coef = coefTest(fit, vcov, tIndex, df ?? undefined);
  const q = df === null ? normalQuantile(0.975) : tQuantile(0.975, df);
  const pOf = (z: number) => (df === null ? 2 * (1 - normalCdf(Math.abs(z))) : tTwoSidedP(z, df));
  const seLabel = se === 'CR2' ? `CR2 cluster-robust (${clusters} clusters), Satterthwaite df` : se === 'CR1' ? `CR1 cluster-robust (${clusters} clusters), t(G−1)` : 'HC1 robust';
  const base = { se_type: seLabel, clusters, converged: fit.converged, warning: fit.warning ?? null, fit, vcov, df };
  if (family === 'gaussian') {
    return { ...base, estimate: coef.estimate, se: coef.se, ci_low: coef.ci_low, ci_high: coef.ci_high, p_value: coef.p_value, ratio: null, ratio_ci_low: null, ratio_ci_high: null };
  }
  const ame = family === 'binomial' ? averageMarginalEffectOnTreated(fit, X, tIndex, treated) : poissonAmeOnTreated(fit, X, tIndex, treated);
  const ameSe = deltaMethodSe(ame.gradient, vcov);
  return {
    ...base,
    estimate: ame.estimate,
    se: ameSe,
    ci_low: ame.estimate - q * ameSe,
    ci_high: ame.estimate + q * ameSe,
    p_value: pOf(ame.estimate / ameSe),
    ratio: Math.exp(coef.estimate),
    ratio_ci_low: Math.exp(coef.estimate - q * coef.se),
    ratio_ci_high: Math.exp(coef.estimate + q * coef.se),
  };
}
