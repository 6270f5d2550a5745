import { OUTCOMES } from '../estimate/outcomes.js';
import type { Bundle } from './bundle-schema.js';
import { cellKey, type PoolCellInput, type PoolStudy } from './pool-input.js';

const LABEL = new Map(OUTCOMES.map((o) => [o.outcome, o.label]));

/** A site-year label for left-out lists: "site 2017". */
const siteYear = (b: Bundle) => `${b.site} ${b.outcome_year}`;

/**
 * The pooling cells of a set of bundles: per outcome × method, one cell on the difference scale (the estimate and
 * its SE) and one on the effect-size scale (g or the Cox index and its SE). An estimate the bundle hid, or whose
 * SE it does not give, is left out of the cell and named in `left_out`.
 */
export function bundleCells(bundles: Bundle[]): PoolCellInput[] {
  const cells = new Map<string, PoolCellInput>();
  for (const b of bundles) {
    for (const o of b.outcomes) {
      for (const e of o.estimates) {
        for (const scale of ['difference', 'effect_size'] as const) {
          const key = cellKey(o.outcome, e.method, scale);
          let cell = cells.get(key);
          if (!cell) {
            cell = {
              outcome: o.outcome,
              label: LABEL.get(o.outcome) ?? o.outcome,
              outcome_type: o.type,
              unit: scale === 'difference' ? o.unit : 'effect_size',
              lower_is_better: o.lower_is_better,
              method: e.method,
              scale,
              effect_size_type: scale === 'effect_size' ? e.effect_size_type : null,
              studies: [],
              left_out: [],
            };
            cells.set(key, cell);
          }
          const yi = scale === 'difference' ? e.estimate : e.effect_size;
          const se = scale === 'difference' ? e.se : e.effect_size_se;
          if (e.suppressed || yi == null || se == null || !(se > 0)) {
            cell.left_out.push(siteYear(b));
            continue;
          }
          const study: PoolStudy = {
            site: b.site,
            state: b.state,
            year: b.outcome_year,
            yi,
            se,
            df: e.df,
            n_treated: e.n_treated,
            n_comparison: e.n_comparison,
            n: e.n_treated != null && e.n_comparison != null ? e.n_treated + e.n_comparison : null,
            reach: b.reach?.share ?? null,
            fidelity_score: b.fidelity?.score ?? null,
          };
          cell.studies.push(study);
        }
      }
    }
  }
  return [...cells.values()];
}
