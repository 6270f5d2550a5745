import type { NetworkResults, PooledCell, PooledFit, MetaRegressionRow } from '../network-schema.js';
import { DEMO_OUTCOME, type NetworkDemoTruth } from './demo-truth.js';

/** The pooled numbers of the demo's outcome beside the generator's truth. */
export interface DemoComparison {
  method: string;
  cell: PooledCell;
  /** the reported random-effects fit: REML (HKSJ CI) over one study per site, or RVE (CR2) with several years */
  fit: PooledFit;
  ci_method: string;
  ci_low: number | null;
  ci_high: number | null;
  fidelity_regression: MetaRegressionRow | null;
  fidelity_slope: number | null;
  truth: NetworkDemoTruth;
}

/** Pick the demo outcome's pooled cell (difference scale, site method `method`) and its fidelity meta-regression from the network results. */
export function compareWithTruth(net: NetworkResults, truth: NetworkDemoTruth, method = 'regression'): DemoComparison {
  const cell = net.pooled.find((c) => c.outcome === DEMO_OUTCOME && c.method === method && c.scale === 'difference');
  if (!cell) throw new Error(`the network results have no ${DEMO_OUTCOME} ${method} difference cell`);
  const fit = cell.fits.find((f) => f.estimator === 'RVE') ?? cell.fits.find((f) => f.estimator === 'REML');
  if (!fit) throw new Error(`the ${DEMO_OUTCOME} ${method} cell was not pooled (${cell.suppression_reason ?? 'no fit'})`);
  const ci = fit.cis.find((c) => c.ci_method === 'cr2_satterthwaite' || c.ci_method === 'hksj') ?? fit.cis[0]!;
  const reg = net.meta_regression.find((r) => r.outcome === DEMO_OUTCOME && r.method === method && r.scale === 'difference' && r.moderator === 'fidelity_score') ?? null;
  const slope = reg?.coefficients.find((c) => c.term === 'fidelity_score')?.estimate ?? null;
  return { method, cell, fit, ci_method: ci.ci_method, ci_low: ci.ci_low, ci_high: ci.ci_high, fidelity_regression: reg, fidelity_slope: slope, truth };
}

const pts = (x: number | null) => (x == null ? 'hidden' : `${(100 * x).toFixed(2)} pts`);

/** The closing lines `hve demo-network` prints: pooled estimate, CI, τ² and the fidelity slope beside the truth. */
export function comparisonLines(c: DemoComparison): string[] {
  const t = c.truth;
  const f = c.fit;
  return [
    `Attendance rate (${c.method} estimates, difference in percentage points), ${c.cell.k} site-years of ${c.cell.sites} sites, ${f.estimator}:`,
    `  pooled ${pts(f.estimate)}, 95% CI ${pts(c.ci_low)} to ${pts(c.ci_high)} (${c.ci_method}); generator's mean over sites ${pts(t.mean)}`,
    `  tau ${pts(f.tau)} (tau² ${f.tau2?.toExponential(2) ?? 'hidden'}); generator's SD of true site effects ${pts(t.tau)} (tau² ${t.tau2.toExponential(2)})`,
    `  slope on the fidelity score ${c.fidelity_slope == null ? 'not estimated' : `${(100 * c.fidelity_slope).toFixed(2)} pts per unit`}; generator: high-fidelity sites ${pts(t.high_fidelity_mean)}, low-fidelity sites ${pts(t.low_fidelity_mean)} (slope sign ${t.fidelity_slope_sign > 0 ? '+' : t.fidelity_slope_sign < 0 ? '−' : '0'})`,
  ];
}
