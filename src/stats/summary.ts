/** Count, mean and standard deviation of one group, skipping NaN. */

/** Size, mean and sample standard deviation (n − 1 denominator) of one group. */
export interface GroupSummary {
  n: number;
  mean: number;
  sd: number;
}

/**
 * Summarizes values with the corrected two-pass algorithm, skipping NaN (mean NaN when n = 0, sd NaN when n < 2).
 *
 * Two-pass with the Björck correction term: mean first, then Σ(x − m)² − (Σ(x − m))²/n, which
 * stays accurate when the values share a large offset (e.g. 1e9 + small).
 */
export function summarize(values: Float64Array | number[]): GroupSummary {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
  }
  if (n === 0) return { n: 0, mean: NaN, sd: NaN };
  const m0 = sum / n;
  let dSum = 0;
  let d2Sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const d = v - m0;
    dSum += d;
    d2Sum += d * d;
  }
  const mean = m0 + dSum / n;
  if (n < 2) return { n, mean, sd: NaN };
  const variance = Math.max(0, (d2Sum - (dSum * dSum) / n) / (n - 1));
  return { n, mean, sd: Math.sqrt(variance) };
}
