/**
 * Percentile bootstrap interval of a ratio numerator / d from bootstrap draws of the denominator d.
 *
 * When the draws' (α/2, 1 − α/2) percentile interval [q_lo, q_hi] excludes 0, x ↦ numerator / x is
 * monotone on it, so the ratio's interval is {numerator / x : x ∈ [q_lo, q_hi]} =
 * [min(numerator/q_lo, numerator/q_hi), max(…)]. When it contains 0 the ratio's set is unbounded.
 * Percentiles are R's quantile(type = 7) over the finite draws.
 */

/** A bootstrap ratio interval: bounded, or unbounded because the denominator's interval contains 0. */
export type PercentileRatioInterval = { kind: 'bounded'; low: number; high: number } | { kind: 'unbounded' };

/** R's quantile(x, prob, type = 7) of an ascending-sorted array (linear interpolation between order statistics). */
export function sortedQuantile(sorted: ArrayLike<number>, prob: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The percentile interval (level, e.g. 0.95) of numerator / draw over bootstrap draws of the
 * denominator; non-finite draws (a replicate whose coefficient was aliased) are left out, and
 * fewer than two finite draws give `unbounded`.
 */
export function percentileRatioInterval(numerator: number, draws: ArrayLike<number>, level = 0.95): PercentileRatioInterval {
  if (!Number.isFinite(numerator)) throw new RangeError(`percentileRatioInterval: numerator must be finite, got ${numerator}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`percentileRatioInterval: level must be in (0, 1), got ${level}`);
  const finite: number[] = [];
  for (let i = 0; i < draws.length; i++) if (Number.isFinite(draws[i]!)) finite.push(draws[i]!);
  if (finite.length < 2) return { kind: 'unbounded' };
  finite.sort((x, y) => x - y);
  const alpha = 1 - level;
  const qLo = sortedQuantile(finite, alpha / 2);
  const qHi = sortedQuantile(finite, 1 - alpha / 2);
  if (qLo <= 0 && qHi >= 0) return { kind: 'unbounded' };
  const r1 = numerator / qLo;
  const r2 = numerator / qHi;
  return { kind: 'bounded', low: Math.min(r1, r2), high: Math.max(r1, r2) };
}
