/** Difference of two proportions with the unpooled Wald standard error. */
import { assertLevel, type DifferenceResult } from './difference-result.js';
import { normalCdf, normalQuantile } from './normal.js';

/** Share p in a group of n. */
export interface ProportionSummary {
  n: number;
  p: number;
}

/**
 * Difference in proportions (t − c) with unpooled Wald SE √(p_t(1−p_t)/n_t + p_c(1−p_c)/n_c), normal CI and z-based two-sided p (df = Infinity); statistic, CI and p are NaN when the SE is 0 or not finite.
 */
export function proportionDifference(
  t: ProportionSummary,
  c: ProportionSummary,
  level = 0.95,
): DifferenceResult {
  assertLevel(level);
  const estimate = t.p - c.p;
  const se = Math.sqrt((t.p * (1 - t.p)) / t.n + (c.p * (1 - c.p)) / c.n);
  const df = Infinity;
  if (!(se > 0) || !Number.isFinite(se)) {
    return { estimate, se, df, statistic: NaN, ci_low: NaN, ci_high: NaN, p_value: NaN };
  }
  const statistic = estimate / se;
  const half = normalQuantile(1 - (1 - level) / 2) * se;
  return {
    estimate,
    se,
    df,
    statistic,
    ci_low: estimate - half,
    ci_high: estimate + half,
    p_value: Math.min(1, 2 * normalCdf(-Math.abs(statistic))),
  };
}
