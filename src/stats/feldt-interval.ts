/** Feldt's (1965) confidence interval of Cronbach's alpha, and the F quantile it needs. */
import { regularizedIncompleteBeta } from './incomplete-beta.js';

/** The F(df1, df2) distribution function: I_{d1·x/(d1·x + d2)}(d1/2, d2/2). */
export function fCdf(x: number, df1: number, df2: number): number {
  if (!(x > 0)) return 0;
  const u = (df1 * x) / (df1 * x + df2);
  return regularizedIncompleteBeta(u, df1 / 2, df2 / 2, df2 / (df1 * x + df2));
}

/** The p quantile of F(df1, df2), by bisection on u = d1·x/(d1·x + d2) in (0, 1) to machine precision. */
export function fQuantile(p: number, df1: number, df2: number): number {
  if (!(p > 0 && p < 1) || !(df1 > 0) || !(df2 > 0)) return NaN;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-16; i++) {
    const u = (lo + hi) / 2;
    if (regularizedIncompleteBeta(u, df1 / 2, df2 / 2, 1 - u) < p) lo = u;
    else hi = u;
  }
  const u = (lo + hi) / 2;
  return (df2 * u) / (df1 * (1 - u));
}

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
