/** Hedges' g with the WWC small-sample correction (WWC Procedures Handbook; METHODS.md §3). */
import type { GroupSummary } from './summary.js';

/** Pooled within-group SD √(((n_t−1)s_t² + (n_c−1)s_c²) / (n_t + n_c − 2)). */
export function pooledSd(t: GroupSummary, c: GroupSummary): number {
  return Math.sqrt(((t.n - 1) * t.sd * t.sd + (c.n - 1) * c.sd * c.sd) / (t.n + c.n - 2));
}

/** WWC small-sample correction ω = 1 − 3/(4N − 9) for total sample size N. */
export function smallSampleCorrection(N: number): number {
  return 1 - 3 / (4 * N - 9);
}

/** Hedges' g = ω·numerator/S with S the unadjusted pooled SD (numerator defaults to mean_t − mean_c); NaN when S is 0. */
export function hedgesG(t: GroupSummary, c: GroupSummary, numerator: number = t.mean - c.mean): number {
  const s = pooledSd(t, c);
  if (!(s > 0) || !Number.isFinite(s)) return NaN;
  return (smallSampleCorrection(t.n + c.n) * numerator) / s;
}
