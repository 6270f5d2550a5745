/** The F distribution: distribution function, upper tail and quantile, from the regularized incomplete beta. */
import { regularizedIncompleteBeta } from './incomplete-beta.js';

/** P(F(df1, df2) ≤ x) = I_{d1·x/(d1·x + d2)}(d1/2, d2/2). */
export function fCdf(x: number, df1: number, df2: number): number {
  if (!(x > 0)) return 0;
  const u = (df1 * x) / (df1 * x + df2);
  return regularizedIncompleteBeta(u, df1 / 2, df2 / 2, df2 / (df1 * x + df2));
}

/** P(F(d1, d2) > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2), computed directly for accuracy in the tail; NaN for invalid arguments. */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const x = d2 / (d2 + d1 * f);
  const y = (d1 * f) / (d2 + d1 * f);
  return regularizedIncompleteBeta(x, d2 / 2, d1 / 2, y);
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
