/** Large-sample standard errors of the WWC effect sizes (Hedges & Olkin 1985; the log odds ratio's delta method). */

/** SE of Hedges' g between groups of n1 and n2: √((n1 + n2)/(n1·n2) + g²/(2(n1 + n2))); NaN when a group is empty. */
export function hedgesGStandardError(g: number, n1: number, n2: number): number {
  if (!(n1 > 0 && n2 > 0) || !Number.isFinite(g)) return NaN;
  return Math.sqrt((n1 + n2) / (n1 * n2) + (g * g) / (2 * (n1 + n2)));
}

/**
 * SE of the Cox index ln(OR)/1.65 from the proportions and n's: √(1/a + 1/b + 1/c + 1/d)/1.65 with a, b, c, d the
 * four cell counts n1·p1, n1·(1 − p1), n2·p2, n2·(1 − p2); NaN when a cell is empty.
 */
export function coxIndexStandardError(p1: number, p2: number, n1: number, n2: number): number {
  const cells = [n1 * p1, n1 * (1 - p1), n2 * p2, n2 * (1 - p2)];
  if (!cells.every((x) => x > 0)) return NaN;
  return Math.sqrt(cells.reduce((a, x) => a + 1 / x, 0)) / 1.65;
}
