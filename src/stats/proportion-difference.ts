/** Difference of two proportions with the unpooled Wald standard error. */
import { assertLevel, differenceFrom, type DifferenceResult } from './difference-result.js';

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
  return differenceFrom(estimate, se, df, level);
}
