import type { MetaRegressionRow, NetworkResults } from '../network-schema.js';

/**
 * R² of a REML meta-regression as metafor reports it, max(0, (τ²_RE − τ²_res) / τ²_RE), with τ²_RE from the
 * pooled REML fit of the same studies; null for RVE, when the regression used fewer studies than the pool
 * (some lacked the moderator), or when τ²_RE is 0 (nothing to explain).
 */
export function metaRegressionR2(m: MetaRegressionRow, r: Pick<NetworkResults, 'pooled'>): number | null {
  if (m.suppressed || m.estimator !== 'REML' || m.tau2_residual === null) return null;
  const cell = r.pooled.find((c) => c.outcome === m.outcome && c.method === m.method && c.scale === m.scale);
  const tau2 = cell?.fits.find((f) => f.estimator === 'REML')?.tau2 ?? null;
  if (!cell || cell.k !== m.k || tau2 === null || !(tau2 > 0)) return null;
  return Math.max(0, (tau2 - m.tau2_residual) / tau2);
}
