/** Wording rules for grant-writer statements (METHODS.md §3 "Plain-language wording"). */
import { describe, it, expect } from 'vitest';
import { headlineFindings } from '../../src/report/statements/headline-findings.js';
import type { OutcomeResult } from '../../src/results/results-schema.js';
import { resultsFixture, estimateFixture } from '../helpers/results-fixture.js';

const chronic = (estimates: OutcomeResult['estimates']): OutcomeResult => ({
  outcome: 'chronic_absence', label: 'Chronically absent', domain: 'attendance', type: 'binary', lower_is_better: true, unit: 'percent', estimates,
});

describe('headline statements', () => {
  it('words a surviving binary finding as "less likely" from the risk ratio, not the odds ratio', () => {
    // 15.8% vs 20.0%: risk ratio 0.79 → "21% less likely"; the odds ratio would be 0.75 ("25% lower odds")
    const h = headlineFindings(resultsFixture([chronic([estimateFixture({ mean_treated: 0.158, mean_comparison: 0.2, estimate: -0.042, ratio: 0.75 })])]))[0]!;
    expect(h.status).toBe('finding');
    expect(h.statement).toBe('Students whose families received a home visit were 21% less likely to be chronically absent than similar students whose families did not.');
    expect(h.numbers).toContain('15.8% vs. 20.0%');
    expect(h.numbers).toContain('95% CI −9.0 points to −1.0 points');
    expect(h.numbers).toContain('n = 100 visited and 300 comparison students');
    expect(h.statement).not.toMatch(/caus/i);
  });

  it('says "no detectable difference" when the finding does not survive Benjamini–Hochberg', () => {
    const h = headlineFindings(resultsFixture([chronic([estimateFixture({ bh_p_value: 0.08, bh_significant: false, ci_high: 0.01 })])]))[0]!;
    expect(h.status).toBe('no_detectable_difference');
    expect(h.statement).toMatch(/^There was no detectable difference in chronic absence/);
  });

  it('skips a method whose baseline equivalence fails and uses the next one; reports nothing when none meets', () => {
    const fails = { measure: 'm', effect_size: 0.4, effect_size_type: 'cox_index' as const, band: 'not_satisfied' as const, adjusted_in_model: true, verdict: 'does_not_meet' as const, reason: 'r' };
    const h = headlineFindings(resultsFixture([chronic([estimateFixture({ method: 'regression', baseline: fails }), estimateFixture({ method: 'matching', mean_treated: 0.1, mean_comparison: 0.2 })])]))[0]!;
    expect(h.method).toBe('matching');
    expect(h.statement).toContain('50% less likely');
    const none = headlineFindings(resultsFixture([chronic([estimateFixture({ baseline: fails })])]))[0]!;
    expect(none.status).toBe('not_reportable');
    expect(none.reason).toMatch(/baseline-equivalence/);
  });

  it('never phrases a suppressed estimate', () => {
    const h = headlineFindings(resultsFixture([chronic([estimateFixture({ suppressed: true, estimate: null, mean_treated: null })])]))[0]!;
    expect(h.status).toBe('not_reportable');
    expect(h.reason).toMatch(/privacy/);
  });
});
