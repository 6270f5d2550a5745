import { metaAnalysis, robustMeta, normalQuantile } from '../stats/index.js';
import type { StateRow } from './network-schema.js';
import type { PoolCellInput, PoolStudy } from './pool-input.js';
import { totalN } from './pool-cell.js';

const finite = (x: number | null | undefined): number | null => (x != null && Number.isFinite(x) ? x : null);

/** A state with one site, shown as that site: its latest year's own estimate and Wald CI. */
function singleSite(cell: PoolCellInput, state: string, studies: PoolStudy[], level: number): Omit<StateRow, 'suppressed' | 'suppression_reason' | 'n_total'> {
  const s = [...studies].sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0]!;
  const zc = normalQuantile(1 - (1 - level) / 2);
  return {
    state, outcome: cell.outcome, method: cell.method, scale: cell.scale, kind: 'single_site', site: s.site, year: s.year, sites: 1, k: 1,
    estimator: null, ci_method: 'wald', estimate: s.yi, ci_low: s.yi - zc * s.se, ci_high: s.yi + zc * s.se, tau2: null,
  };
}

/**
 * The by-state roll-up of one cell: within each state, REML τ² with the HKSJ CI (RVE clustered by site when a
 * site gives several years); a state with one site is shown as that site, labelled so; a state whose studies rest
 * on fewer than min_cell students is suppressed. Studies without a state are not rolled up.
 */
export function stateRollup(cell: PoolCellInput, minCell: number, level = 0.95): StateRow[] {
  const byState = new Map<string, PoolStudy[]>();
  for (const s of cell.studies) if (s.state != null) byState.set(s.state, [...(byState.get(s.state) ?? []), s]);
  const rows: StateRow[] = [];
  for (const [state, studies] of [...byState].sort(([a], [b]) => a.localeCompare(b))) {
    const sites = [...new Set(studies.map((s) => s.site))];
    const n = totalN(studies);
    if (n != null && n < minCell) {
      rows.push({
        state, outcome: cell.outcome, method: cell.method, scale: cell.scale, kind: sites.length === 1 ? 'single_site' : 'state', site: sites.length === 1 ? sites[0]! : null, year: null,
        sites: sites.length, k: studies.length, estimator: null, ci_method: 'wald', estimate: null, ci_low: null, ci_high: null, tau2: null, n_total: null, suppressed: true, suppression_reason: 'pooled_n_below_min_cell',
      });
      continue;
    }
    if (sites.length === 1) {
      const one = singleSite(cell, state, studies, level);
      const shown = studies.find((s) => s.year === one.year && s.site === one.site)!;
      rows.push({ ...one, n_total: shown.n, suppressed: false, suppression_reason: null });
      continue;
    }
    const yi = Float64Array.from(studies, (s) => s.yi);
    const vi = Float64Array.from(studies, (s) => s.se * s.se);
    const common = { state, outcome: cell.outcome, method: cell.method, scale: cell.scale, kind: 'state' as const, site: null, year: null, sites: sites.length, k: studies.length, n_total: n, suppressed: false, suppression_reason: null };
    if (sites.length < studies.length) {
      const r = robustMeta({ yi, vi, cluster: studies.map((s) => s.site) }, { method: 'REML', level });
      const c = r.coefficients[0]!;
      rows.push({ ...common, estimator: 'RVE', ci_method: 'cr2_satterthwaite', estimate: finite(c.estimate), ci_low: finite(c.ci_low), ci_high: finite(c.ci_high), tau2: finite(r.tau2) });
    } else {
      const r = metaAnalysis({ yi, vi }, { method: 'REML', test: 'knha', level });
      rows.push({ ...common, estimator: 'REML', ci_method: 'hksj', estimate: finite(r.estimate), ci_low: finite(r.ci_low), ci_high: finite(r.ci_high), tau2: finite(r.tau2) });
    }
  }
  return rows;
}
