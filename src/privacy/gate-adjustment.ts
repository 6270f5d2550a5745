import type { Results } from '../results/results-schema.js';
import type { Suppressor } from './suppressor.js';
import { gateNotes } from './gate-notes.js';

type Adjustment = NonNullable<Results['adjustment']>;

/**
 * Gate the adjustment diagnostics. The matching and weighting counts (treated, matched, dropped by the caliper,
 * without a candidate, outside support, trimmed) describe what the analysis did, not any student's record, so they
 * are published (docs/privacy.md), unless the matched sample itself is 1 to k − 1 students; student counts in the
 * propensity model's notes pass the rule.
 */
export function gateAdjustment(a: Results['adjustment'], s: Suppressor): Results['adjustment'] {
  if (!a) return a;
  const out: Adjustment = { ...a };
  if (a.propensity) out.propensity = { ...a.propensity, warnings: gateNotes(a.propensity.warnings, s, 'adjustment', 'propensity', '/adjustment/propensity') };
  if (a.matching) {
    const m = { ...a.matching };
    // a matched sample of 1 to k − 1 is a group whose estimates are suppressed: its size goes too, and so do the
    // exclusion counts that, with the treated count, would give it back
    if (s.small(m.matched_treated) || s.small(m.matched_comparison)) {
      const at = (cell: string) => ({ table: 'adjustment', cell: `matching / ${cell}`, path: '/adjustment/matching' });
      for (const f of ['matched_treated', 'matched_comparison'] as const) s.hide(m, f, at(f), 'primary', 'small_group', s.small(m[f]) ? s.fewer : 'suppressed');
      for (const f of ['dropped_by_caliper', 'no_candidates'] as const) s.hide(m, f, at(f), 'complementary', 'protects_count');
    }
    out.matching = m;
  }
  return out;
}

/** Hide the covariates' missing counts of 1 to k − 1. */
export function gateCovariates(c: Results['covariates'], s: Suppressor): Results['covariates'] {
  return c?.map((x0, i) => {
    const x = { ...x0 };
    if (s.small(x.missing)) s.hide(x, 'missing', { table: 'covariates', cell: `${x.name} / missing`, path: `/covariates/${i}` }, 'primary', 'small_group', s.fewer);
    return x;
  });
}
