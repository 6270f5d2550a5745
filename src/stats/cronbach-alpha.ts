/** Cronbach's alpha (raw), item–rest correlations and alpha if an item is dropped, on complete cases (as R psych::alpha's raw_alpha, r.drop and alpha.drop with listwise data). */

/** Reliability of a k-item scale on n complete cases. */
export interface AlphaResult {
  /** complete cases used (rows with every item answered) */
  n: number;
  k: number;
  alpha: number;
  /** per item: the item's mean, its correlation with the sum of the other items, and alpha of the other items */
  items: { mean: number; item_rest_r: number; alpha_if_dropped: number }[];
}

/** Sample variance (n − 1 denominator) of values. */
function variance(v: Float64Array): number {
  const n = v.length;
  if (n < 2) return NaN;
  let m = 0;
  for (const x of v) m += x;
  m /= n;
  let s = 0;
  for (const x of v) s += (x - m) * (x - m);
  return s / (n - 1);
}

/** Pearson correlation of two equal-length columns (NaN when one is constant). */
function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** alpha = k/(k − 1) · (1 − Σ var(item) / var(sum)) of complete-case columns; NaN for k < 2, n < 2 or a constant sum. */
function alphaOf(cols: Float64Array[]): number {
  const k = cols.length;
  const n = cols[0]?.length ?? 0;
  if (k < 2 || n < 2) return NaN;
  const total = new Float64Array(n);
  let sumVar = 0;
  for (const c of cols) {
    sumVar += variance(c);
    for (let i = 0; i < n; i++) total[i]! += c[i]!;
  }
  const vt = variance(total);
  return vt > 0 ? (k / (k - 1)) * (1 - sumVar / vt) : NaN;
}

/** Keep the rows where every column has a value (NaN = not answered). */
export function completeCases(columns: Float64Array[]): Float64Array[] {
  const n = columns[0]?.length ?? 0;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (columns.every((c) => !Number.isNaN(c[i]!))) keep.push(i);
  return columns.map((c) => Float64Array.from(keep, (i) => c[i]!));
}

/**
 * Cronbach's alpha (raw, from covariances) of item columns (already reverse-keyed; NaN = not answered), listwise on
 * the rows that answered every item, with each item's mean, item–rest correlation and alpha if it is dropped.
 */
export function cronbachAlpha(columns: Float64Array[]): AlphaResult {
  const cols = completeCases(columns);
  const k = cols.length;
  const n = cols[0]?.length ?? 0;
  const total = new Float64Array(n);
  for (const c of cols) for (let i = 0; i < n; i++) total[i]! += c[i]!;
  const items = cols.map((c, j) => {
    let mean = 0;
    for (const x of c) mean += x;
    const rest = Float64Array.from(total, (t, i) => t - c[i]!);
    return {
      mean: n ? mean / n : NaN,
      item_rest_r: correlation(c, rest),
      alpha_if_dropped: alphaOf(cols.filter((_, i) => i !== j)),
    };
  });
  return { n, k, alpha: alphaOf(cols), items };
}
