/** Privacy gate rules on hand-built tables: the numerator rule, and complementary suppression within a subgroup family. */
import { describe, it, expect } from 'vitest';
import { applyPrivacyGate, smallNumerator } from '../../src/privacy/privacy-gate.js';
import type { ContrastResult, OutcomeResult } from '../../src/results/results-schema.js';
import { resultsFixture, estimateFixture } from '../helpers/results-fixture.js';

const binaryOutcome = (estimates: OutcomeResult['estimates']): OutcomeResult => ({
  outcome: 'any_suspension', label: 'Any suspension', domain: 'behavior', type: 'binary', lower_is_better: true, unit: 'percent', estimates,
});

const contrast = (level: string, n_level: number, mean_level: number): ContrastResult => ({
  analysis: 'English learner', outcome: 'any_suspension', level, reference: 'comparison', n_level, n_reference: 200, mean_level, mean_reference: 0.3,
  estimate: 0.01, se: 0.01, ci_low: -0.01, ci_high: 0.03, p_value: 0.3, method: 'm', descriptive: false, suppressed: false, notes: [],
});

describe('numerator rule', () => {
  it('flags 1 to k − 1 students with (or without) the outcome, not 0 and not k', () => {
    // 50 students: 3 with the outcome (6%) → flagged; 10 (20%) → not; 48 (96%: 2 without) → flagged; 0 → not
    expect(smallNumerator(50, 0.06, 10)).toBe(true);
    expect(smallNumerator(50, 0.2, 10)).toBe(false);
    expect(smallNumerator(50, 0.96, 10)).toBe(true);
    expect(smallNumerator(50, 0, 10)).toBe(false);
  });

  it('suppresses a yes/no estimate whose visited rate rests on 3 students, and logs the rule', () => {
    const g = applyPrivacyGate(resultsFixture([binaryOutcome([estimateFixture({ n_treated: 50, mean_treated: 0.06, mean_comparison: 0.1, estimate: -0.04 })])]), 10);
    const e = g.outcomes[0]!.estimates[0]!;
    expect(e.suppressed).toBe(true);
    expect([e.mean_treated, e.mean_comparison, e.estimate, e.ci_low, e.p_value, e.bh_p_value]).toEqual([null, null, null, null, null, null]);
    expect(g.suppression_log[0]!.detail).toMatch(/had \(or did not have\) the outcome/);
  });
});

describe('complementary suppression in a subgroup family', () => {
  it('hides the smallest other level when one level is suppressed, so totals cannot reveal it', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({})])]);
    r.subgroups = [contrast('yes', 8, 0.25), contrast('no', 300, 0.3), contrast('unknown', 40, 0.3)];
    const g = applyPrivacyGate(r, 10);
    expect(g.subgroups!.map((c) => [c.level, c.suppressed])).toEqual([
      ['yes', true],
      ['no', false],
      ['unknown', true],
    ]);
    expect(g.suppression_log.filter((s) => s.table === 'subgroups').map((s) => s.rule)).toEqual(['primary', 'complementary']);
  });
});

describe('top/bottom coding (when configured)', () => {
  it('shows a 3% visited rate as "< 5%", hides the adjusted comparison rate that would give it back, and logs both', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({ n_treated: 400, mean_treated: 0.03, mean_comparison: 0.05, estimate: -0.02 })])]);
    r.privacy.top_bottom_code = [0.05, 0.95];
    const g = applyPrivacyGate(r, 10);
    const e = g.outcomes[0]!.estimates[0]!;
    expect(e.mean_treated).toBeNull();
    expect(e.coded).toEqual({ mean_treated: '< 5%' });
    expect(e.mean_comparison).toBeNull(); // 0.03 = 0.05 + (−0.02): the comparison rate and the difference would reveal it
    expect(e.estimate).toBe(-0.02);
    expect(g.suppression_log.map((s) => s.rule)).toEqual(['primary', 'complementary']);
  });

  it('leaves rates inside the bounds alone, and does nothing when not configured', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({ n_treated: 400, mean_treated: 0.2 })])]);
    r.privacy.top_bottom_code = [0.05, 0.95];
    expect(applyPrivacyGate(r, 10).outcomes[0]!.estimates[0]!.mean_treated).toBe(0.2);
    const off = resultsFixture([binaryOutcome([estimateFixture({ n_treated: 400, mean_treated: 0.03 })])]);
    expect(applyPrivacyGate(off, 10).outcomes[0]!.estimates[0]!.mean_treated).toBe(0.03);
  });
});

describe('review fixes: differencing and counts outside the main tables', () => {
  it('hides a sample-flow cell whose drop from the step above is 1 to k − 1 students', () => {
    const r = resultsFixture([]);
    r.sample_flow = [
      { step: 'Enrolled', students: 5000, visited: 1270, comparison: 3730 },
      { step: 'In a program school', students: 4761, visited: 1269, comparison: 3492 }, // 1 visited student dropped
    ];
    const g = applyPrivacyGate(r, 10);
    expect(g.sample_flow[1]).toEqual({ step: 'In a program school', students: 4761, visited: null, comparison: null });
  });

  it('hides the other level of a two-level subgroup family (the outcome total minus it would give the hidden one back)', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({})])]);
    r.subgroups = [contrast('yes', 8, 0.25), contrast('no', 300, 0.3)];
    expect(applyPrivacyGate(r, 10).subgroups!.map((c) => c.suppressed)).toEqual([true, true]);
  });

  it('applies the numerator rule to matched and weighted balance rows, and hides small diagnostic counts', () => {
    const r = resultsFixture([]);
    const row = { name: 'prior_any_suspension', binary: true, n_treated: 42, n_comparison: 400, mean_treated: 1 / 42, mean_comparison: 0.1, effect_size: 0.1, effect_size_type: 'cox_index' as const, band: 'adjustment_required' as const, variance_ratio: null, suppressed: false };
    r.balance = [{ sample: 'matched', rows: [row] }];
    r.adjustment = {
      clusters: 10, se_type: 's', propensity: { covariates: 5, converged: true, warning: null },
      matching: { caliper_sd: 0.2, caliper: 0.1, exact: [], treated: 500, matched_treated: 493, matched_comparison: 493, dropped_by_caliper: 7, no_candidates: 0, outside_support: 2 },
      weighting: { ess_treated: 500, ess_comparison: 900, trimmed: 0, trim: 'none' },
    };
    r.covariates = [{ name: 'prior_ela_z', kind: 'numeric', missing: 3, fill: 0, columns: 2 }];
    const g = applyPrivacyGate(r, 10);
    expect(g.balance![0]!.rows[0]!.suppressed).toBe(true);
    expect(g.adjustment!.matching.dropped_by_caliper).toBeNull();
    expect(g.adjustment!.matching.outside_support).toBeNull();
    expect(g.adjustment!.matching.no_candidates).toBe(0);
    expect(g.adjustment!.matching.matched_treated).toBeNull(); // 500 − 493 would give the hidden 7 back
    expect(g.covariates![0]!.missing).toBeNull();
  });
});
