import type { Results } from '../results/results-schema.js';
import type { Suppressor } from './suppressor.js';
import { gateNotes } from './gate-notes.js';
import { smallNumerator } from './privacy-rule.js';

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

/**
 * Hide the covariates' missing counts of 1 to k − 1. The fill value is the mean over the n − missing students with
 * a value, so it goes with a hidden missing count (the exact mean gives the count back), and for a yes/no covariate
 * (`binary`) it goes when the count with or without the trait, fill × (n − missing), is 1 to k − 1.
 */
export function gateCovariates(c: Results['covariates'], s: Suppressor, binary: ReadonlySet<string>, n: number | null): Results['covariates'] {
  return c?.map((x0, i) => {
    const x = { ...x0 };
    const at = { table: 'covariates', cell: `${x.name} / missing`, path: `/covariates/${i}` };
    if (s.small(x.missing)) {
      s.hide(x, 'missing', at, 'primary', 'small_group', s.fewer);
      s.hide(x, 'fill', { ...at, cell: `${x.name} / fill` }, 'complementary', 'protects_count');
    } else if (binary.has(x.name) && n !== null && smallNumerator(n - (x.missing ?? 0), x.fill, s.k)) {
      s.hide(x, 'fill', { ...at, cell: `${x.name} / fill` }, 'primary', 'small_numerator');
    }
    return x;
  });
}
