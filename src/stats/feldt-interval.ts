/** Feldt's (1965) confidence interval of Cronbach's alpha. */
import { fQuantile } from './f-distribution.js';

/**
 * Feldt's interval of alpha from n respondents and k items: [1 − (1 − α)·F_{1−a/2}, 1 − (1 − α)·F_{a/2}] with
 * F on (n − 1) and (n − 1)(k − 1) df, as R psych::alpha.ci; NaN when alpha is not finite, n < 2 or k < 2.
 */
export function feldtInterval(alpha: number, n: number, k: number, level = 0.95): { low: number; high: number } {
  if (!Number.isFinite(alpha) || n < 2 || k < 2) return { low: NaN, high: NaN };
  const a = 1 - level;
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  return { low: 1 - (1 - alpha) * fQuantile(1 - a / 2, df1, df2), high: 1 - (1 - alpha) * fQuantile(a / 2, df1, df2) };
}
