/** Benjamini–Hochberg false discovery rate adjustment (METHODS.md §3). */

/**
 * BH-adjusted p-values exactly as R's p.adjust(p, method = "BH"), in input order; NaN entries stay NaN and are not counted in m.
 *
 * With the m non-NaN p-values sorted ascending, adjusted p(i) = min(1, min over j ≥ i of (m/j)·p(j)).
 */
export function bhAdjust(p: number[]): number[] {
  const out = p.map(() => NaN);
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i]!)) idx.push(i);
  const m = idx.length;
  // Descending by p (R: order(p, decreasing = TRUE)); ties get the same adjusted value either way.
  idx.sort((a, b) => p[b]! - p[a]!);
  let running = Infinity;
  for (let k = 0; k < m; k++) {
    const rank = m - k; // ascending rank of idx[k]
    const i = idx[k]!;
    running = Math.min(running, (m / rank) * p[i]!);
    out[i] = Math.min(1, running);
  }
  return out;
}

/** Significance flags adjusted ≤ alpha (NaN is never significant). */
export function bhSignificant(adjusted: number[], alpha = 0.05): boolean[] {
  return adjusted.map((q) => q <= alpha);
}
