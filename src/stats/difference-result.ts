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
