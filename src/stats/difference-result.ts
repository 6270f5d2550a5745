import { tQuantile, tTwoSidedP } from './student-t.js';
/** Shared result shape of two-group difference estimators. */

/** Estimate, standard error, df, test statistic, confidence interval and two-sided p of a difference (treated − comparison). */
export interface DifferenceResult {
  estimate: number;
  se: number;
  df: number;
  statistic: number;
  ci_low: number;
  ci_high: number;
  p_value: number;
}

/** Throws a RangeError unless 0 < level < 1 (a confidence level is a programming constant, not data). */
export function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/**
 * The test statistic, CI and two-sided p of a difference with its SE: Student's t with df degrees of freedom
 * (the normal when df is Infinity). NaN throughout when the SE is zero or not finite.
 */
export function differenceFrom(estimate: number, se: number, df: number, level: number): DifferenceResult {
  if (!(se > 0) || !Number.isFinite(se)) return { estimate, se, df, statistic: NaN, ci_low: NaN, ci_high: NaN, p_value: NaN };
  const statistic = estimate / se;
  const half = tQuantile(1 - (1 - level) / 2, df) * se;
  return { estimate, se, df, statistic, ci_low: estimate - half, ci_high: estimate + half, p_value: tTwoSidedP(statistic, df) };
}
