/** Wald tests and delta-method standard errors from a coefficient covariance matrix. */
import { normalCdf, normalQuantile } from '../normal.js';
import { tQuantile, tTwoSidedP } from '../student-t.js';
import type { GlmFit } from './glm.js';

export interface CoefTest {
  estimate: number;
  se: number;
  statistic: number;
  /** Degrees of freedom of the reference t distribution; Infinity for the normal (z) test. */
  df: number;
  p_value: number;
  ci_low: number;
  ci_high: number;
}

/**
 * Wald test and 95% CI of coefficient `index` (position in fit.coef): t(df) when df is given,
 * else standard normal (df reported as Infinity).
 */
export function coefTest(fit: GlmFit, vcov: Float64Array, index: number, df?: number): CoefTest {
  const p = fit.p;
  if (!Number.isInteger(index) || index < 0 || index >= p) throw new RangeError(`coefficient index ${index} out of range 0..${p - 1}`);
  if (vcov.length !== p * p) throw new RangeError(`vcov has ${vcov.length} entries, expected ${p * p}`);
  const estimate = fit.coef[index]!;
  const variance = vcov[index * p + index]!;
  const se = variance >= 0 ? Math.sqrt(variance) : NaN;
  const statistic = estimate / se;
  if (df === undefined) {
    const crit = normalQuantile(0.975);
    return {
      estimate,
      se,
      statistic,
      df: Infinity,
      p_value: Number.isNaN(statistic) ? NaN : Math.min(1, 2 * normalCdf(-Math.abs(statistic))),
      ci_low: estimate - crit * se,
      ci_high: estimate + crit * se,
    };
  }
  const crit = tQuantile(0.975, df);
  return {
    estimate,
    se,
    statistic,
    df,
    p_value: tTwoSidedP(statistic, df),
    ci_low: estimate - crit * se,
    ci_high: estimate + crit * se,
  };
}

/** Delta-method standard error sqrt(g' V g) of a function with gradient g (length p) wrt β. */
export function deltaMethodSe(gradient: Float64Array, vcov: Float64Array): number {
  const p = gradient.length;
  if (vcov.length !== p * p) throw new RangeError(`vcov has ${vcov.length} entries, expected ${p * p}`);
  let s = 0;
  for (let a = 0; a < p; a++) {
    const ga = gradient[a]!;
    if (ga === 0) continue;
    let t = 0;
    for (let b = 0; b < p; b++) t += vcov[a * p + b]! * gradient[b]!;
    s += ga * t;
  }
  return s >= 0 ? Math.sqrt(s) : NaN;
}
