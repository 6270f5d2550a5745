/** Wording rules for grant-writer statements (METHODS.md §3 "Plain-language wording"). */
import { describe, it, expect } from 'vitest';
import { headlineFindings, headlineMethodRule, headlineEstimate } from '../../src/report/statements/headline-findings.js';
import type { OutcomeResult } from '../../src/results/results-schema.js';
import { resultsFixture, estimateFixture, gatedFixture } from '../helpers/results-fixture.js';

const chronic = (estimates: OutcomeResult['estimates']): OutcomeResult => ({
  outcome: 'chronic_absence', label: 'Chronically absent', domain: 'attendance', type: 'binary', lower_is_better: true, unit: 'percent', estimates,
});

describe('headline statements', () => {
  it('words a surviving binary finding as "less likely" from the risk ratio, not the odds ratio', () => {
    // 15.8% vs 20.0%: risk ratio 0.79 → "21% less likely"; the odds ratio would be 0.75 ("25% lower odds")
    const h = headlineFindings(gatedFixture(resultsFixture([chronic([estimateFixture({ mean_treated: 0.158, mean_comparison: 0.2, estimate: -0.042, ratio: 0.75 })])])))[0]!;
    expect(h.status).toBe('finding');
    expect(h.statement).toBe('Students whose families received a home visit were 21% less likely to be chronically absent than similar students whose families did not.');
    expect(h.numbers).toContain('15.8% vs. 20.0%');
    expect(h.numbers).toContain('95% CI −9.0 points to −1.0 points');
    expect(h.numbers).toContain('n = 100 visited and 300 comparison students');
    expect(h.statement).not.toMatch(/caus/i);
  });

  it('says "no detectable difference" when the finding does not survive Benjamini–Hochberg', () => {
    const h = headlineFindings(gatedFixture(resultsFixture([chronic([estimateFixture({ p_value: 0.08, bh_p_value: 0.08, bh_significant: false, ci_high: 0.01 })])])))[0]!;
    expect(h.status).toBe('no_detectable_difference');
    expect(h.statement).toMatch(/^There was no detectable difference in chronic absence/);
  });

  it('skips a method whose baseline equivalence fails and uses the next one; reports nothing when none meets', () => {
    const fails = { measure: 'm', effect_size: 0.4, effect_size_type: 'cox_index' as const, band: 'not_satisfied' as const, adjusted_in_model: true, verdict: 'does_not_meet' as const, n_treated: 100, n_comparison: 300 };
    const h = headlineFindings(gatedFixture(resultsFixture([chronic([estimateFixture({ method: 'regression', baseline: fails }), estimateFixture({ method: 'matching', mean_treated: 0.1, mean_comparison: 0.2 })])])))[0]!;
    expect(h.method).toBe('matching');
    expect(h.statement).toContain('50% less likely');
    const none = headlineFindings(gatedFixture(resultsFixture([chronic([estimateFixture({ baseline: fails })])])))[0]!;
    expect(none.status).toBe('not_reportable');
    expect(none.reason).toMatch(/baseline-equivalence/);
  });

  it('never phrases a suppressed estimate', () => {
    const h = headlineFindings(gatedFixture(resultsFixture([chronic([estimateFixture({ suppressed: true, estimate: null, mean_treated: null })])])))[0]!;
    expect(h.status).toBe('not_reportable');
    expect(h.reason).toMatch(/privacy/);
  });
});

describe('the one headline rule (issue 7)', () => {
  const notAssessed = { measure: '(none)', effect_size: null, effect_size_type: 'hedges_g' as const, band: 'undefined' as const, adjusted_in_model: false, verdict: 'not_assessed' as const, n_treated: 100, n_comparison: 300 };
  const fails = { ...notAssessed, measure: 'pre', effect_size: 0.4, band: 'not_satisfied' as const, verdict: 'does_not_meet' as const };
  const score = (estimates: OutcomeResult['estimates'], x: Partial<OutcomeResult> = {}): OutcomeResult => ({
    outcome: 'scale_score', label: 'scale_score', domain: 'scale_score', type: 'continuous', lower_is_better: false, unit: 'value', estimates, ...x,
  });
  const compareFixture = (outcomes: OutcomeResult[]) => {
    const r = resultsFixture(outcomes);
    return { ...r, definitions: { ...r.definitions, source: 'analytic_file' as const } };
  };
  const e = (x: Parameters<typeof estimateFixture>[0]) => estimateFixture({ effect_size_type: 'hedges_g', mean_treated: 2420, mean_comparison: 2401.98, estimate: 18.02, ci_low: 10, ci_high: 26, ...x });

  it('keeps an outcome with no baseline measure, from the first method (regression), as a difference whose baseline was not assessed', () => {
    const h = headlineFindings(gatedFixture(compareFixture([score([e({ method: 'unadjusted', baseline: notAssessed, estimate: 30 }), e({ method: 'regression', baseline: notAssessed })])])))[0]!;
    expect(h.status).toBe('unchecked_difference');
    expect(h.method).toBe('regression');
    expect(h.baseline).toBe('not_assessed');
    expect(h.caution).toMatch(/^Baseline equivalence was not assessed/);
    expect(h.statement).toBe('Students in the treatment group had higher scale_score than similar students in the comparison group, by 18.02.');
  });

  it('leaves out an outcome whose baseline was assessed and failed, even if another method could not be assessed', () => {
    const h = headlineFindings(gatedFixture(compareFixture([score([e({ method: 'regression', baseline: fails }), e({ method: 'matching', baseline: notAssessed })])])))[0]!;
    expect(h.status).toBe('not_reportable');
    expect(h.reason).toBe('no estimate meets the baseline-equivalence standard');
  });

  it('prints "SD" only for a z-score; a raw score has no unit, or the one the user gave', () => {
    const raw = headlineFindings(gatedFixture(compareFixture([score([e({ baseline: notAssessed })])])))[0]!;
    expect(raw.numbers).toContain('difference +18.02, 95% CI +10.00 to +26.00');
    expect(raw.numbers).not.toMatch(/SD/);
    const points = headlineFindings(gatedFixture(compareFixture([score([e({ baseline: notAssessed })], { unit_label: 'scale points' })])))[0]!;
    expect(points.numbers).toContain('difference +18.02 scale points, 95% CI +10.00 scale points to +26.00 scale points');
    const z = headlineFindings(gatedFixture(compareFixture([score([e({ baseline: notAssessed, estimate: 0.05, ci_low: 0.01, ci_high: 0.09 })], { unit: 'sd' })])))[0]!;
    expect(z.numbers).toContain('difference +0.05 SD, 95% CI +0.01 SD to +0.09 SD');
  });

  it('states the rule naming only the methods the results hold, in order', () => {
    const r = resultsFixture([chronic([estimateFixture({ method: 'unadjusted' }), estimateFixture({ method: 'weighting' }), estimateFixture({ method: 'regression' })])]);
    expect(headlineMethodRule(gatedFixture(r))).toBe(
      'Every headline follows one rule, the same for every outcome: it uses the first of regression adjustment, propensity-score weighting and the unadjusted comparison whose estimate meets the What Works Clearinghouse baseline-equivalence standard (with reservations).',
    );
    // the figure pack and the summary use headlineEstimate: regression fails its baseline here, so weighting is used
    const o = chronic([estimateFixture({ method: 'regression', baseline: { ...fails, effect_size_type: 'cox_index' } }), estimateFixture({ method: 'weighting' })]);
    expect(headlineEstimate(o)?.estimate.method).toBe('weighting');
  });
});
