/** Privacy gate rules on hand-built tables: the numerator rule, and complementary suppression within a subgroup family. */
import { describe, it, expect } from 'vitest';
import { applyPrivacyGate, smallNumerator, Publishable } from '../../src/privacy/privacy-gate.js';
import type { ContrastResult, OutcomeResult } from '../../src/results/results-schema.js';
import { resultsFixture, estimateFixture } from '../helpers/results-fixture.js';

const binaryOutcome = (estimates: OutcomeResult['estimates']): OutcomeResult => ({
  outcome: 'any_suspension', label: 'Any suspension', domain: 'behavior', type: 'binary', lower_is_better: true, unit: 'percent', estimates,
});

const contrast = (level: string, n_level: number, mean_level: number): ContrastResult => ({
  analysis: 'English learner', outcome: 'any_suspension', level, reference: 'comparison', n_level, n_reference: 200, mean_level, mean_reference: 0.3,
  estimate: 0.01, se: 0.01, ci_low: -0.01, ci_high: 0.03, p_value: 0.3, model: 'linear_covariates_fe', se_type: 'cr2_satterthwaite', clusters: 10, descriptive: false, suppressed: false, notes: [],
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
    const g = applyPrivacyGate(resultsFixture([binaryOutcome([estimateFixture({ n_treated: 50, mean_treated: 0.06, mean_comparison: 0.1, estimate: -0.04 })])]), 10).data;
    const e = g.outcomes[0]!.estimates[0]!;
    expect(e.suppressed).toBe(true);
    expect([e.mean_treated, e.mean_comparison, e.estimate, e.ci_low, e.p_value, e.bh_p_value]).toEqual([null, null, null, null, null, null]);
    expect(g.suppression_log[0]!.reason).toBe('small_numerator');
    expect(e.notes).toEqual([{ code: 'suppressed_numerator', values: { min_cell: 10 } }]);
  });
});

describe('complementary suppression in a subgroup family', () => {
  it('hides the smallest other level when one level is suppressed, so totals cannot reveal it', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({})])]);
    r.subgroups = [contrast('yes', 8, 0.25), contrast('no', 300, 0.3), contrast('unknown', 40, 0.3)];
    const g = applyPrivacyGate(r, 10).data;
    expect(g.subgroups!.map((c) => [c.level, c.suppressed])).toEqual([
      ['yes', true],
      ['no', false],
      ['unknown', true],
    ]);
    // one log entry per hidden value: the primary level's statistics and n's, then the complementary level's
    const rules = [...new Set(g.suppression_log.filter((s) => s.table === 'subgroups').map((s) => `${s.cell}: ${s.rule}`))];
    expect(rules).toEqual(['English learner / yes / any_suspension: primary', 'English learner / unknown / any_suspension: complementary']);
    expect(g.subgroups![0]!.display).toMatchObject({ n_level: 'fewer than 10', n_reference: 'suppressed', mean_level: 'suppressed' });
  });
});

describe('top/bottom coding (when configured)', () => {
  it('shows a 3% visited rate as "< 5%" and hides every number that would give it back: the comparison rate, SE, CI, p, effect size, ratio', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({ n_treated: 400, mean_treated: 0.03, mean_comparison: 0.05, estimate: -0.02, ratio: 0.6, ratio_ci_low: 0.4, ratio_ci_high: 0.9, ratio_type: 'odds_ratio' })])]);
    r.privacy.top_bottom_code = [0.05, 0.95];
    const g = applyPrivacyGate(r, 10).data;
    const e = g.outcomes[0]!.estimates[0]!;
    expect(e.display?.mean_treated).toBe('< 5%');
    // 0.03 = 0.05 + (−0.02); the Wald SE sqrt(p1(1−p1)/n1 + p2(1−p2)/n2) with the difference and n's solves for p1; so do the CI, p, Cox index and OR
    for (const f of ['mean_treated', 'mean_comparison', 'se', 'ci_low', 'ci_high', 'p_value', 'effect_size', 'improvement_index', 'ratio', 'ratio_ci_low', 'ratio_ci_high', 'bh_p_value'] as const) expect(e[f], f).toBeNull();
    expect(e.estimate).toBe(-0.02); // an adjusted difference alone does not give the rate back
    expect(g.suppression_log.find((s) => s.path.endsWith('/mean_treated'))).toMatchObject({ rule: 'primary', reason: 'top_bottom_coded', display: '< 5%' });
  });

  it('hides the unadjusted difference too (p1 − p2 of rates that the dose table shows), and the smallest level of each subgroup family', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({ method: 'unadjusted', estimand: 'difference_in_proportions', n_treated: 500, mean_treated: 0.048, mean_comparison: 0.1, estimate: -0.052 })])]);
    r.privacy.top_bottom_code = [0.05, 0.95];
    // levels partition the visited group: 100·0.12 + 400·0.03 = 24 = 500·0.048, so all levels shown would give the coded rate back
    r.subgroups = [contrast('yes', 100, 0.12), contrast('no', 400, 0.03)];
    const g = applyPrivacyGate(r, 10).data;
    expect(g.outcomes[0]!.estimates[0]!.estimate).toBeNull();
    expect(g.subgroups!.map((c) => [c.level, c.suppressed, c.mean_level, c.display?.mean_level ?? null])).toEqual([
      ['yes', true, null, 'suppressed'],
      ['no', false, null, '< 5%'],
    ]);
  });

  it('leaves rates inside the bounds alone, and does nothing when not configured', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({ n_treated: 400, mean_treated: 0.2 })])]);
    r.privacy.top_bottom_code = [0.05, 0.95];
    expect(applyPrivacyGate(r, 10).data.outcomes[0]!.estimates[0]!.mean_treated).toBe(0.2);
    const off = resultsFixture([binaryOutcome([estimateFixture({ n_treated: 400, mean_treated: 0.03 })])]);
    expect(applyPrivacyGate(off, 10).data.outcomes[0]!.estimates[0]!.mean_treated).toBe(0.03);
  });
});

describe('review fixes: differencing and counts outside the main tables', () => {
  it('hides a sample-flow cell whose drop to the step below is 1 to k − 1 students (the earlier one: the analytic sample is shown everywhere)', () => {
    const r = resultsFixture([]);
    r.sample_flow = [
      { step: 'Enrolled', students: 5000, visited: 1270, comparison: 3730 },
      { step: 'In a program school', students: 4761, visited: 1269, comparison: 3492 }, // 1 visited student dropped
    ];
    const g = applyPrivacyGate(r, 10).data;
    // the last step (the analytic sample, every estimate's n) stays; the step above it loses its visited count (1270 − 1269 = 1)
    // and, complementary, its comparison count; 5,000 − 4,761 = 239 excluded is shown
    expect(g.sample_flow[1]).toMatchObject({ step: 'In a program school', students: 4761, visited: 1269, comparison: 3492, excluded: 239 });
    expect(g.sample_flow[0]).toMatchObject({ students: 5000, visited: null, comparison: null });
    expect(g.sample_flow[0]!.display).toEqual({ visited: 'suppressed', comparison: 'suppressed' });
  });

  it('hides the other level of a two-level subgroup family (the outcome total minus it would give the hidden one back)', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({})])]);
    r.subgroups = [contrast('yes', 8, 0.25), contrast('no', 300, 0.3)];
    expect(applyPrivacyGate(r, 10).data.subgroups!.map((c) => c.suppressed)).toEqual([true, true]);
  });

  it('applies the numerator rule to matched and weighted balance rows, hides a small covariate missing count, and publishes the matching counts', () => {
    const r = resultsFixture([]);
    const row = { name: 'prior_any_suspension', binary: true, n_treated: 42, n_comparison: 400, mean_treated: 1 / 42, mean_comparison: 0.1, effect_size: 0.1, effect_size_type: 'cox_index' as const, band: 'adjustment_required' as const, variance_ratio: null, suppressed: false };
    r.balance = [{ sample: 'matched', rows: [row] }];
    r.adjustment = {
      clusters: 10, se_type: 'cr2_satterthwaite', cr2_below_clusters: 40, propensity: { covariates: 5, converged: true, warnings: [] },
      matching: { caliper_sd: 0.2, caliper: 0.1, exact: [], treated: 500, matched_treated: 493, matched_comparison: 493, dropped_by_caliper: 7, no_candidates: 0, outside_support: 2 },
      weighting: { ess_treated: 500, ess_comparison: 900, trimmed: 3, trim: 0.01 },
    };
    r.covariates = [{ name: 'prior_ela_z', kind: 'numeric', missing: 3, fill: 0, columns: 2 }];
    const g = applyPrivacyGate(r, 10).data;
    // 1 of 42 with the trait: the rates go, the n's (the sample's size) stay
    expect(g.balance![0]!.rows[0]).toMatchObject({ suppressed: true, mean_treated: null, n_treated: 42 });
    // exclusion counts describe the analysis, not a student's record (docs/privacy.md): published
    expect(g.adjustment!.matching).toMatchObject({ matched_treated: 493, dropped_by_caliper: 7, outside_support: 2 });
    expect(g.adjustment!.weighting!.trimmed).toBe(3);
    expect(g.covariates![0]!.missing).toBeNull();
    // the fill (the mean over the 400 − 3 students with a value) would give the 3 back: it goes too
    expect(g.covariates![0]!.display).toEqual({ missing: 'fewer than 10', fill: 'suppressed' });
  });

  it('hides a matched sample of fewer than 10, and the exclusion counts that would give it back', () => {
    const r = resultsFixture([]);
    r.adjustment = {
      clusters: 10, se_type: 'cr2_satterthwaite', cr2_below_clusters: 40,
      matching: { caliper_sd: 0.2, caliper: 0.1, exact: [], treated: 40, matched_treated: 6, matched_comparison: 6, dropped_by_caliper: 30, no_candidates: 4, outside_support: 0 },
    };
    const m = applyPrivacyGate(r, 10).data.adjustment!.matching!;
    expect([m.matched_treated, m.matched_comparison, m.dropped_by_caliper, m.no_candidates, m.treated]).toEqual([null, null, null, null, 40]);
    expect(m.display).toMatchObject({ matched_treated: 'fewer than 10' });
  });

  it('hides student counts of 1 to k − 1 carried by notes, and keeps school counts', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({ notes: [{ code: 'separation', counts: { rows: 4 } }, { code: 'constant_groups_dropped', counts: { students: 31, schools: 2 }, model: 'logistic' }] })])]);
    const e = applyPrivacyGate(r, 10).data.outcomes[0]!.estimates[0]!;
    expect(e.notes).toEqual([{ code: 'separation', counts: { rows: null } }, { code: 'constant_groups_dropped', counts: { students: 31, schools: 2 }, model: 'logistic' }]);
  });

  it('seals its output: a runtime check tells gated results from plain ones', () => {
    const r = resultsFixture([]);
    expect(Publishable.isSealed(applyPrivacyGate(r, 10))).toBe(true);
    expect(Publishable.isSealed(r)).toBe(false);
  });
});

describe('data-quality block', () => {
  const gate = (code: string, rows: number) => ({ gate: 'unknown_codes' as const, extract: 'discipline', column: 'action', code, rows, of: 1221, share: rows / 1221, setting: 'unknown_codes' as const, threshold: null, status: 'dropped' as const });
  const quality = (gates: ReturnType<typeof gate>[], missing = 3) => ({
    settings: { max_reject_share: 1, unknown_codes: 'reject' as const, min_visit_match: 0.98 },
    gates,
    missing: [{ extract: 'students', column: 'frl', present: true, rows: 9098, missing, mapped_to_missing: ['Unknown'] }],
  });

  it('merges a column with more than 10 unmapped codes (a wrong mapping: IDs) into one row without the code text', () => {
    const r = resultsFixture([]);
    r.quality = quality(Array.from({ length: 12 }, (_, i) => gate(`S10021${String(i).padStart(2, '0')}`, 20)));
    const q = applyPrivacyGate(r, 10).data.quality!;
    expect(q.gates).toEqual([{ ...gate('S1002100', 240), code: null, share: 240 / 1221, distinct_codes: 12 }]);
    expect(JSON.stringify(q)).not.toMatch(/S10021/);
  });

  it('lists a code seen in at least 10 rows, merges rarer ones without their text, keeps the merged row count (row accounting) and hides a missing count under 10', () => {
    const r = resultsFixture([]);
    r.quality = quality([gate('E', 500), gate('x1', 2), gate('x2', 3)]);
    const q = applyPrivacyGate(r, 10).data.quality!;
    // 2 + 3 = 5 rows: rejects by reason are published, so 505 − 500 would give a hidden merged count back anyway
    expect(q.gates.map((g) => [g.code, g.rows, g.distinct_codes ?? null, g.display ?? null])).toEqual([
      ['E', 500, null, null],
      [null, 5, 2, null],
    ]);
    expect(JSON.stringify(q)).not.toMatch(/x1|x2/);
    expect(q.missing[0]).toMatchObject({ missing: null, display: { missing: 'fewer than 10' } });
  });
});

describe('review fixes (issue 8)', () => {
  it('recomputes Benjamini–Hochberg over the p-values it shows: a hidden p cannot be read back from its family', () => {
    // two yes/no outcomes in one domain; the second rests on 3 students with the outcome, so its p is hidden
    const a = binaryOutcome([estimateFixture({ p_value: 0.02, bh_p_value: 0.04, bh_significant: true })]);
    const b = { ...binaryOutcome([estimateFixture({ n_treated: 50, mean_treated: 0.06, p_value: 0.6, bh_p_value: 0.6 })]), outcome: 'any_incident' };
    const g = applyPrivacyGate(resultsFixture([a, b]), 10).data;
    // raw BH over (0.02, 0.6) gave 0.04 = 2 × 0.02; over the one shown p it is 0.02 itself
    expect(g.outcomes[0]!.estimates[0]!.bh_p_value).toBe(0.02);
    expect(g.outcomes[1]!.estimates[0]!.bh_p_value).toBeNull();
  });

  it('applies the numerator rule to a count outcome: a group total of 1 to k − 1 (5 incidents among 86) is hidden', () => {
    const count = { outcome: 'incident_count', label: 'Incidents', domain: 'behavior', type: 'count' as const, lower_is_better: true, unit: 'incidents' as const, estimates: [estimateFixture({ method: 'unadjusted', n_treated: 86, mean_treated: 5 / 86, mean_comparison: 0.2 })] };
    const e = applyPrivacyGate(resultsFixture([count]), 10).data.outcomes[0]!.estimates[0]!;
    expect([e.suppressed, e.mean_treated, e.n_treated]).toEqual([true, null, 86]);
  });

  it('renames a subgroup level held by fewer than 10 students before logging it (an ID mapped as race_ethnicity)', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({})])]);
    r.subgroups = [{ ...contrast('S1002179', 1, 0), analysis: 'race/ethnicity', n_reference: 0 }, { ...contrast('Hispanic/Latino', 200, 0.3), analysis: 'race/ethnicity' }];
    const g = applyPrivacyGate(r, 10).data;
    expect(JSON.stringify(g)).not.toContain('S1002179');
    expect(g.subgroups![0]!.level).toBe('other level 1 (fewer than 10 students)');
  });
});

describe('balance levels', () => {
  it('hides the next smallest level of a categorical covariate when one level is hidden (1 − the others would give it back)', () => {
    const r = resultsFixture([]);
    const level = (name: string, t: number, c: number) => ({ name: `race_ethnicity: ${name}`, binary: true, n_treated: 154, n_comparison: 638, mean_treated: t, mean_comparison: c, effect_size: 0.1, effect_size_type: 'cox_index' as const, band: 'adjustment_required' as const, variance_ratio: null, suppressed: false });
    // "Two or more": 9 of 154 visited (numerator rule); Asian 20/154 is the next smallest; Hispanic 125/154
    r.balance = [{ sample: 'analytic', rows: [level('Two or more', 9 / 154, 33 / 638), level('Asian', 20 / 154, 60 / 638), level('Hispanic/Latino', 125 / 154, 545 / 638)] }];
    const rows = applyPrivacyGate(r, 10).data.balance![0]!.rows;
    expect(rows.map((x) => [x.name.split(': ')[1], x.suppressed, x.mean_treated === null])).toEqual([
      ['Two or more', true, true],
      ['Asian', true, true],
      ['Hispanic/Latino', false, false],
    ]);
  });
});

describe('across tables', () => {
  const bal = (name: string, t: number, c: number) => ({ name, binary: true, n_treated: 100, n_comparison: 300, mean_treated: t, mean_comparison: c, effect_size: 0.1, effect_size_type: 'cox_index' as const, band: 'adjustment_required' as const, variance_ratio: null, suppressed: false });

  it('hides the balance rows of subgroup levels whose n is hidden: a level share × the group n would give the count back', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({})])]);
    // grade band K–2 has 8 visited students (primary); 3–5 (30) is hidden to protect it; 6–8 (62) stays
    r.subgroups = [
      { ...contrast('K–2', 8, 0.25), analysis: 'grade band' },
      { ...contrast('3–5', 30, 0.3), analysis: 'grade band' },
      { ...contrast('6–8', 62, 0.3), analysis: 'grade band' },
    ];
    // grade 1: 5 + 3 = 8 of 100 visited are K–2; 30 are in 3–5 (grades 3 and 4); 62 in grade 7
    r.balance = [{ sample: 'analytic', rows: [bal('grade: 1', 0.05, 0.1), bal('grade: k', 0.03, 0.1), bal('grade: 3', 0.12, 0.1), bal('grade: 4', 0.18, 0.2), bal('grade: 7', 0.62, 0.5), bal('frl', 0.5, 0.5)] }];
    const g = applyPrivacyGate(r, 10).data;
    expect(g.subgroups!.map((c) => c.n_level)).toEqual([null, null, 62]);
    expect(g.balance![0]!.rows.map((x) => [x.name, x.mean_treated === null])).toEqual([
      ['grade: 1', true],
      ['grade: k', true],
      ['grade: 3', true],
      ['grade: 4', true],
      ['grade: 7', false],
      ['frl', false],
    ]);
  });

  it('hides a yes/no covariate\'s balance row when a level of its subgroup is hidden', () => {
    const r = resultsFixture([binaryOutcome([estimateFixture({})])]);
    r.subgroups = [{ ...contrast('yes', 8, 0.25), n_reference: 40 }, { ...contrast('no', 92, 0.3), n_reference: 260 }];
    r.balance = [{ sample: 'matched', rows: [bal('ell', 0.08, 40 / 300), bal('swd', 0.2, 0.1)] }];
    const rows = applyPrivacyGate(r, 10).data.balance![0]!.rows;
    expect(rows.map((x) => [x.name, x.suppressed])).toEqual([
      ['ell', true],
      ['swd', false],
    ]);
  });

  it('hides the fill value of a yes/no covariate when fill × (n − missing) is 1 to k − 1 students with (or without) the trait', () => {
    const r = resultsFixture([]);
    // 400 students, 100 missing: 300 × 0.02 = 6 with a prior suspension → hidden; 300 × 0.2 = 60 → shown
    r.balance = [{ sample: 'analytic', rows: [bal('prior_any_suspension', 0.02, 0.02), bal('prior_any_incident', 0.2, 0.2)] }];
    r.covariates = [
      { name: 'prior_any_suspension', kind: 'numeric', missing: 100, fill: 0.02, columns: 2 },
      { name: 'prior_any_incident', kind: 'numeric', missing: 100, fill: 0.2, columns: 2 },
      { name: 'prior_days_absent', kind: 'numeric', missing: 100, fill: 0.02, columns: 2 },
    ];
    const c = applyPrivacyGate(r, 10).data.covariates!;
    expect(c.map((x) => x.fill)).toEqual([null, 0.2, 0.02]);
  });

  it('hides a moderator coefficient of an outcome whose visited students with the outcome are fewer than 10 (3 of 50), and keeps it for one with 15', () => {
    const moderator = (outcome: string): ContrastResult => ({ ...contrast('per 10 points', 50, 0), analysis: 'school visit rate as moderator', outcome, mean_level: null, mean_reference: null, model: 'moderator_interaction' });
    const few = binaryOutcome([estimateFixture({ method: 'unadjusted', n_treated: 50, mean_treated: 3 / 50, mean_comparison: 0.1 })]);
    const many = { ...binaryOutcome([estimateFixture({ method: 'unadjusted', n_treated: 50, mean_treated: 15 / 50, mean_comparison: 0.3 })]), outcome: 'any_incident' };
    const r = resultsFixture([few, many]);
    r.school_level = [moderator('any_suspension'), moderator('any_incident')];
    const rows = applyPrivacyGate(r, 10).data.school_level!;
    expect(rows.map((c) => [c.outcome, c.estimate === null, c.p_value === null])).toEqual([
      ['any_suspension', true, true],
      ['any_incident', false, false],
    ]);
  });
});
