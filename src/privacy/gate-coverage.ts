import type { OutcomeResult, SampleFlowRow } from '../results/results-schema.js';
import type { Suppressor } from './suppressor.js';

/**
 * Each outcome's coverage of the analytic sample (students with it = the unadjusted n's), computed here so
 * that no renderer subtracts counts: a gap of 1 to k − 1 students without the outcome is shown only as
 * "fewer than k" (its count and share hidden, and the count with the outcome hidden, which would give it back).
 */
export function gateCoverage(outcomes: OutcomeResult[], flow: readonly SampleFlowRow[], rawFlow: readonly SampleFlowRow[], s: Suppressor): OutcomeResult[] {
  const analytic = rawFlow.at(-1)?.students ?? null;
  const shownAnalytic = flow.at(-1)?.students ?? null;
  return outcomes.map((o, i) => {
    if (o.coverage) return o;
    const e = o.estimates.find((x) => x.method === 'unadjusted') ?? o.estimates[0];
    const have = e && e.n_treated !== null && e.n_comparison !== null ? e.n_treated + e.n_comparison : null;
    const coverage: NonNullable<OutcomeResult['coverage']> = {
      analytic: shownAnalytic,
      with_outcome: have,
      missing_share: analytic !== null && have !== null && analytic > 0 ? (analytic - have) / analytic : null,
    };
    const at = { table: 'outcome coverage', cell: o.outcome, path: `/outcomes/${i}/coverage` };
    const gap = analytic !== null && have !== null ? analytic - have : null;
    if (s.small(gap)) {
      s.hide(coverage, 'with_outcome', at, 'primary', 'small_difference', `all but ${s.fewer}`);
      s.hide(coverage, 'missing_share', at, 'primary', 'small_difference', `${s.fewer} students`);
    } else if (have === null || shownAnalytic === null) {
      s.hide(coverage, 'missing_share', at, 'complementary', 'protects_count');
    }
    return { ...o, coverage };
  });
}
