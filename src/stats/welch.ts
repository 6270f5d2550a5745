/** Welch's unequal-variance t comparison of two group means. */
import { assertLevel, differenceFrom, type DifferenceResult } from './difference-result.js';

import type { GroupSummary } from './summary.js';

/**
 * Difference in means (t − c) with Welch SE, Welch–Satterthwaite df, t-based CI and two-sided p; statistic, CI and p are NaN when the SE is 0 or not finite.
 *
 * se = √(s_t²/n_t + s_c²/n_c); df = se⁴ / [(s_t²/n_t)²/(n_t − 1) + (s_c²/n_c)²/(n_c − 1)].
 */
export function welchDifference(t: GroupSummary, c: GroupSummary, level = 0.95): DifferenceResult {
  assertLevel(level);
  const estimate = t.mean - c.mean;
  const vt = (t.sd * t.sd) / t.n;
  const vc = (c.sd * c.sd) / c.n;
  const v = vt + vc;
  const se = Math.sqrt(v);
  const df = (v * v) / ((vt * vt) / (t.n - 1) + (vc * vc) / (c.n - 1));
  return differenceFrom(estimate, se, df, level);
}
