import { metaRegression, robustMeta, type Design } from '../stats/index.js';
import type { MetaRegressionRow, PooledCell } from './network-schema.js';
import type { PoolCellInput, PoolStudy } from './pool-input.js';
import { totalN } from './pool-cell.js';

/** Below this many sites a moderator test has little power (said in a note). */
export const LOW_POWER_SITES = 10;
export const LOW_POWER_SENTENCE = 'With fewer than 10 sites the test has little power.';

const finite = (x: number | null | undefined): number | null => (x != null && Number.isFinite(x) ? x : null);

/** The design [1, x] over the studies that have the moderator. */
function design(xs: number[], name: string): Design {
  return { n: xs.length, names: ['intercept', name], columns: [new Float64Array(xs.length).fill(1), Float64Array.from(xs)] };
}

/**
 * Meta-regression of a cell's site effects on reach or the fidelity score: REML with Knapp–Hartung tests over one
 * study per site, or RVE (CR2, Satterthwaite df) clustered by site when a site gives several years. Suppressed
 * with fewer than 3 studies (or sites), a constant moderator, or fewer than min_cell students.
 */
export function moderatorRegression(cell: PoolCellInput, pooled: PooledCell, moderator: 'reach' | 'fidelity_score', minCell: number, level = 0.95): MetaRegressionRow {
  const studies = cell.studies.filter((s): s is PoolStudy & Record<typeof moderator, number> => s[moderator] != null);
  const sites = new Set(studies.map((s) => s.site));
  const several = sites.size < studies.length;
  const base = {
    outcome: cell.outcome,
    label: cell.label,
    method: cell.method,
    scale: cell.scale,
    moderator,
    k: studies.length,
    sites: sites.size,
    estimator: several ? ('RVE' as const) : ('REML' as const),
    test: several ? ('cr2_satterthwaite' as const) : ('knha' as const),
    low_power: sites.size < LOW_POWER_SITES,
  };
  const notes = base.low_power ? [LOW_POWER_SENTENCE] : [];
  const empty = { tau2_residual: null, coefficients: [], suppressed: true };
  const n = totalN(studies);
  if (pooled.suppression_reason === 'pooled_n_below_min_cell' || (n != null && n < minCell)) return { ...base, ...empty, suppression_reason: 'pooled_n_below_min_cell', notes };
  if (sites.size < 3) return { ...base, ...empty, suppression_reason: 'too_few_studies', notes };
  const xs = studies.map((s) => s[moderator]);
  if (xs.every((x) => x === xs[0])) return { ...base, ...empty, suppression_reason: 'moderator_constant', notes };
  const yi = Float64Array.from(studies, (s) => s.yi);
  const vi = Float64Array.from(studies, (s) => s.se * s.se);
  const X = design(xs, moderator);
  const fit = several
    ? robustMeta({ yi, vi, cluster: studies.map((s) => s.site), X }, { method: 'REML', level })
    : metaRegression({ yi, vi, X }, { method: 'REML', test: 'knha', level });
  if (fit.notes.includes('tau2_not_converged')) notes.push('The REML τ² did not converge.');
  return {
    ...base,
    tau2_residual: finite(fit.tau2),
    coefficients: fit.coefficients.map((c) => ({ term: c.name, estimate: finite(c.estimate), se: finite(c.se), df: finite(c.df), ci_low: finite(c.ci_low), ci_high: finite(c.ci_high), p_value: finite(c.p_value) })),
    suppressed: false,
    suppression_reason: null,
    notes,
  };
}
