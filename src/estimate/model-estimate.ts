import {
  fitLinear,
  fitLogistic,
  fitPoisson,
  clusterVcov,
  satterthwaiteDf,
  coefTest,
  averageMarginalEffectOnTreated,
  deltaMethodSe,
  poissonAmeOnTreated,
  absorbedDeltaSe,
  expandFixedEffects,
  makeAbsorber,
  nestedIn,
  type FixedEffects,
  type GlmFit,
} from '../stats/regression/index.js';
import { tQuantile, normalQuantile, tTwoSidedP, normalCdf } from '../stats/index.js';
import type { Design, FitWarning } from '../stats/regression/index.js';
import type { SeType } from '../results/vocabulary.js';

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
  se_type: SeType;
  clusters: number;
  converged: boolean;
  warnings: FitWarning[];
  /** coefficient and vcov of the treatment, for Wald tests */
  fit: GlmFit;
  vcov: Float64Array;
}

/** The model family for an outcome type: OLS, logistic or Poisson. */
export function familyFor(type: 'continuous' | 'binary' | 'count'): 'gaussian' | 'binomial' | 'poisson' {
  return type === 'binary' ? 'binomial' : type === 'count' ? 'poisson' : 'gaussian';
}

/** Fit a model of the family, with the fixed effects (if any) absorbed. */
export function fitFamily(family: 'gaussian' | 'binomial' | 'poisson', X: Design, y: Float64Array, weights?: Float64Array, fixedEffects?: FixedEffects | null): GlmFit {
  const opts = { ...(weights ? { weights } : {}), ...(fixedEffects ? { absorb: fixedEffects } : {}) };
  return family === 'binomial' ? fitLogistic(X, y, opts) : family === 'poisson' ? fitPoisson(X, y, opts) : fitLinear(X, y, opts);
}

/** Moved to src/stats/regression/poisson-ame.ts; re-exported for callers of the old place. */
export { poissonAmeOnTreated } from '../stats/regression/index.js';

/** Options of modelEffect. */
export interface ModelEffectOptions {
  /** Design column whose coefficient a gaussian model reports (default 'treatment'); GLMs always report the treatment's AME. */
  effect?: string;
  /** Fixed effects to absorb (buildDesign's `fixedEffects`); the estimates equal those of the dummy-variable model. */
  fixedEffects?: FixedEffects | null;
  /** The fit of this same model (family, X, y, weights, fixed effects) already made, for another SE of it (matching's pair-clustered SE): not refitted. */
  fit?: GlmFit;
}

/**
 * Fit the outcome model and return the effect: the coefficient of `opts.effect` (default the
 * treatment) for OLS; the average marginal effect on the treated (delta-method SE) with the odds
 * or rate ratio for logistic and Poisson models. SEs are cluster-robust (CR2 with Satterthwaite df,
 * or CR1 with G − 1 df) or HC1. With CR2 the df is that of the reported quantity: the
 * coefficient's for OLS and for the ratio's CI, the AME's own contrast (its gradient) for the AME,
 * as clubSandwich's linear_contrast(test = "Satterthwaite").
 *
 * Fixed effects are absorbed (src/stats/regression/absorb.ts). CR2 needs them nested within the clusters
 * (schools within schools, as the pipeline's models); a CR2 model whose fixed effects cross its clusters
 * (possible with hve compare --fixed-effects and --cluster) is fitted with dummy columns instead.
 */
export function modelEffect(
  family: 'gaussian' | 'binomial' | 'poisson',
  X: Design,
  y: Float64Array,
  treated: Float64Array,
  cluster: Int32Array,
  se: SeChoice,
  weights?: Float64Array,
  opts: ModelEffectOptions = {},
): ModelEffect {
  const effect = opts.effect ?? 'treatment';
  if (family !== 'gaussian' && effect !== 'treatment') throw new RangeError(`modelEffect: a ${family} model reports the treatment's AME, not ${effect}`);
  let fe = opts.fixedEffects ?? null;
  let given = opts.fit;
  if (fe !== null && se === 'CR2' && !nestedIn(makeAbsorber(fe, weights ?? new Float64Array(X.n).fill(1)).of, cluster)) {
    X = expandFixedEffects(X, fe);
    fe = null;
    given = undefined;
  }
  // a fit made on dummy columns (the CR2 fallback above, in an earlier call) does not belong to the absorbed design
  if (given && fe !== null && !given.absorbed) given = undefined;
  const fit = given ?? fitFamily(family, X, y, weights, fe);
  const tIndex = fit.names.indexOf(effect);
  if (tIndex < 0) throw new Error(`the ${effect} column was dropped as collinear`);
  const { vcov, clusters } = clusterVcov(fit, X, cluster, se);
  const p = fit.names.length;
  /** df of the contrast c′β: Satterthwaite for CR2, G − 1 for CR1, none (normal) for HC1. */
  const dfOf = (c: Float64Array): number | null => (se === 'CR2' ? satterthwaiteDf(fit, X, cluster, c) : se === 'CR1' ? clusters - 1 : null);
  const unit = new Float64Array(p);
  unit[tIndex] = 1;
  const dfCoef = dfOf(unit);
  const coef = coefTest(fit, vcov, tIndex, dfCoef ?? undefined);
  const seType: SeType = se === 'CR2' ? 'cr2_satterthwaite' : se === 'CR1' ? 'cr1_t' : 'hc1';
  const base = { se_type: seType, clusters, converged: fit.converged, warnings: fit.warnings, fit, vcov };
  if (family === 'gaussian') {
    return { ...base, df: dfCoef, estimate: coef.estimate, se: coef.se, ci_low: coef.ci_low, ci_high: coef.ci_high, p_value: coef.p_value, ratio: null, ratio_ci_low: null, ratio_ci_high: null };
  }
  const tColumn = fit.columnIndex[tIndex]!;
  const ame = family === 'binomial' ? averageMarginalEffectOnTreated(fit, X, tColumn, treated) : poissonAmeOnTreated(fit, X, tIndex, treated);
  // with absorbed fixed effects the AME also moves with the group effects (its groupGradient)
  const gg = ame.groupGradient;
  const ameSe = fit.absorbed && gg ? absorbedDeltaSe(fit, X, cluster, se, ame.gradient, gg) : deltaMethodSe(ame.gradient, vcov);
  const df = se === 'CR2' ? (fit.absorbed && gg ? satterthwaiteDf(fit, X, cluster, ame.gradient, gg) : dfOf(ame.gradient)) : dfCoef;
  const q = df === null ? normalQuantile(0.975) : tQuantile(0.975, df);
  const qCoef = dfCoef === null ? normalQuantile(0.975) : tQuantile(0.975, dfCoef);
  const z = ame.estimate / ameSe;
  return {
    ...base,
    df,
    estimate: ame.estimate,
    se: ameSe,
    ci_low: ame.estimate - q * ameSe,
    ci_high: ame.estimate + q * ameSe,
    p_value: df === null ? 2 * (1 - normalCdf(Math.abs(z))) : tTwoSidedP(z, df),
    ratio: Math.exp(coef.estimate),
    ratio_ci_low: Math.exp(coef.estimate - qCoef * coef.se),
    ratio_ci_high: Math.exp(coef.estimate + qCoef * coef.se),
  };
}
