import type { OutcomeResult, SampleFlowRow } from '../results/results-schema.js';
import type { Suppressor } from './suppressor.js';

/**
 * Each outcome's coverage of the analytic sample (students with it = the unadjusted n's), computed here so
 * that no renderer subtracts counts; hidden only where the n's behind it are.
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
    // a small gap (students without the outcome) is not hidden: it is the analytic n minus the estimate's n's, which
    // every estimate must show; it says only that a few students lack the measure (docs/privacy.md)
    if (have === null || shownAnalytic === null) {
      s.hide(coverage, 'missing_share', at, 'complementary', 'protects_count');
    }
    return { ...o, coverage };
  });
}
