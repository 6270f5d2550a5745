/** The privacy gate on the fidelity and cost blocks, on hand-built rows (min_cell 10). */
import { describe, it, expect } from 'vitest';
import { applyPrivacyGate } from '../../src/privacy/privacy-gate.js';
import type { FidelityRow, FidelityResults, CostResults } from '../../src/results/fidelity-results-schema.js';
import { resultsFixture, estimateFixture } from '../helpers/results-fixture.js';

/** A school row with `students` enrolled and `visited` of them visited; shares over visits and over visited students. */
function row(id: string | null, students: number, visited: number, program = true): FidelityRow {
  return {
    school_id: id, program_school: program, students, students_visited: visited, reach: visited / students, at_threshold: visited / students >= 0.1,
    families: students - 5, families_visited: visited, visiting_educators: 12, visits_completed: visited + 20, visits_attempted: 3, visits_cancelled: 1, visits_declined: 0,
    shares: [
      { measure: 'pairs', recorded: true, numerator: visited + 18, denominator: visited + 20, share: (visited + 18) / (visited + 20) },
      { measure: 'relationship_first', recorded: true, numerator: visited - 1, denominator: visited, share: (visited - 1) / visited },
    ],
    median_lead_days: 7, stipend_total: 1000, targeting: null, summer_visits: 5, school_year_visits: visited + 15, first_school_day: '2016-08-22',
    median_days_to_first_visit: 12, practices_not_met: [], score: 0.9, score_components: [{ practice: 'pairs', value: 0.9 }], suppressed: false,
  };
}

function fidelity(schools: FidelityRow[]): FidelityResults {
  const sum = (f: 'students' | 'students_visited') => schools.reduce((a, s) => a + (s[f] ?? 0), 0);
  return {
    settings: { reach_threshold: 0.1, reflection_days: 14, targeting_smd: 0.25, practice_threshold: 0.8 },
    recorded: { educator_ids: true },
    site: row(null, sum('students'), sum('students_visited')),
    schools,
    months: [{ month: '2016-09', visits: 40 }],
  };
}

describe('fidelity block', () => {
  it('hides every number of a school with 7 visited students, and of the smallest other school (its partner)', () => {
    const r = resultsFixture([]);
    r.fidelity = fidelity([row('A', 300, 7), row('B', 400, 60), row('C', 500, 45)]);
    const g = applyPrivacyGate(r, 10).data.fidelity!;
    const [a, b, c] = g.schools;
    expect(a).toMatchObject({ suppressed: true, students_visited: null, students: null, visits_completed: null, score: null, display: { students_visited: 'fewer than 10' } });
    expect(a!.shares.every((x) => x.share === null)).toBe(true);
    // 112 − 60 − 45 = 7 without a partner: C (45 visited, the smallest) is hidden whole, since its counts, visits and
    // exact shares would each give A's back by subtraction from the site's
    expect(c).toMatchObject({ suppressed: true, students_visited: null, students: null, reach: null, score: null, visits_completed: null, at_threshold: null });
    expect(c!.shares.every((x) => x.share === null)).toBe(true);
    expect(b).toMatchObject({ suppressed: false, students_visited: 60, students: 400, score: 0.9 });
    expect(g.site.students_visited).toBe(112);
  });

  it('hides a school where all but 4 students were visited (the not-visited group is small)', () => {
    const r = resultsFixture([]);
    r.fidelity = fidelity([row('A', 50, 46), row('B', 400, 60), row('C', 500, 45)]);
    expect(applyPrivacyGate(r, 10).data.fidelity!.schools[0]).toMatchObject({ suppressed: true, students_visited: null });
  });

  it('hides a targeting contrast resting on 6 tested visited students', () => {
    const r = resultsFixture([]);
    const b = row('B', 400, 60);
    b.targeting = {
      covariates: [
        { covariate: 'prior_ela_z', effect_size_type: 'hedges_g', n_visited: 6, n_not_visited: 150, smd: -0.5, worse_off: 0.5, se: 0.4 },
        { covariate: 'prior_attendance_rate', effect_size_type: 'hedges_g', n_visited: 55, n_not_visited: 300, smd: 0.3, worse_off: -0.3, se: 0.15 },
      ],
      targeting: false, targeting_on: [], targeting_imprecise_on: ['prior_ela_z'], self_selection: true, self_selection_on: ['prior_attendance_rate'],
    };
    r.fidelity = fidelity([b, row('C', 500, 45)]);
    const cov = applyPrivacyGate(r, 10).data.fidelity!.schools[0]!.targeting!.covariates;
    expect(cov.map((x) => [x.smd, x.n_visited])).toEqual([[null, null], [0.3, 55]]);
    expect(cov[0]!.display).toMatchObject({ n_visited: 'fewer than 10' });
  });
});

describe('fidelity and the subgroup school rows count the same students', () => {
  const schoolRow = (level: string, n_level: number, n_reference: number, outcome = 'attendance_rate') => ({
    analysis: 'school', outcome, level, reference: 'comparison students of the same subgroup', n_level, n_reference, mean_level: 0.93, mean_reference: 0.92,
    estimate: 0.01, se: 0.01, ci_low: -0.01, ci_high: 0.03, p_value: 0.3, model: 'linear_covariates' as const, se_type: 'cr2_satterthwaite' as const, clusters: null, descriptive: false, suppressed: false, notes: [],
  });

  it('hides in the subgroup table, for every outcome, the schools the fidelity gate hid (A small, C its partner)', () => {
    const r = resultsFixture([]);
    r.fidelity = fidelity([row('A', 300, 7), row('B', 400, 60), row('C', 500, 45), row('D', 450, 50)]);
    // attendance: A is small there too; the subgroup gate's own partner is C (45); ELA: nothing small, but A and C go
    r.subgroups = [schoolRow('A', 7, 293), schoolRow('B', 60, 340), schoolRow('C', 45, 455), schoolRow('D', 50, 400), schoolRow('A', 20, 100, 'ela_z'), schoolRow('B', 30, 150, 'ela_z'), schoolRow('C', 25, 200, 'ela_z'), schoolRow('D', 28, 210, 'ela_z')];
    const g = applyPrivacyGate(r, 10).data;
    expect(g.subgroups!.map((c) => [c.level, c.outcome, c.n_level])).toEqual([
      ['A', 'attendance_rate', null], ['B', 'attendance_rate', 60], ['C', 'attendance_rate', null], ['D', 'attendance_rate', 50],
      ['A', 'ela_z', null], ['B', 'ela_z', 30], ['C', 'ela_z', null], ['D', 'ela_z', 28],
    ]);
    expect(g.fidelity!.schools.map((x) => [x.school_id, x.suppressed])).toEqual([['A', true], ['B', false], ['C', true], ['D', false]]);
  });

  it('hides in the fidelity block a school the subgroup gate hid as a partner (the same visited count is printed there)', () => {
    const r = resultsFixture([]);
    // fidelity has nothing small; the subgroup table hides B (8 comparison students with an attendance outcome) and a partner
    r.fidelity = fidelity([row('B', 400, 60), row('C', 500, 45), row('D', 450, 50)]);
    r.subgroups = [schoolRow('B', 60, 8), schoolRow('C', 45, 455), schoolRow('D', 50, 400)];
    const g = applyPrivacyGate(r, 10).data;
    const hiddenInSubgroups = g.subgroups!.filter((c) => c.n_level === null).map((c) => c.level);
    expect(hiddenInSubgroups.length).toBe(2);
    expect(g.fidelity!.schools.filter((x) => x.suppressed).map((x) => x.school_id)).toEqual(hiddenInSubgroups);
  });
});

describe('cost block', () => {
  const cost = (method: 'matching' | 'regression'): CostResults => ({
    source: 'logged_stipends', price_year: null, currency: 'USD', ingredients: [], by_payer: [], total: 10000, known_total: 10000, missing: [],
    per_completed_visit: 50, per_visited_student: 100, per_visited_family: 110,
    quantities: { completed_visits: 200, visit_hours: null, educator_visit_hours: null, visiting_educators: 20, program_schools: 3, visited_students: 100, visited_families: 91 },
    effectiveness: [{ outcome: 'chronic_absence', unit: 'student_not_chronically_absent', method, gain: 0.05, status: 'bounded', ratio: 2000, fieller_low: 1100, fieller_high: 9000, bootstrap_status: 'bounded', bootstrap_low: 1000, bootstrap_high: 8000, bootstrap_reps: 999, bootstrap_estimator: 'regression_linear', suppressed: false }],
  });
  const chronic = (suppressed: boolean) => ({ outcome: 'chronic_absence', label: 'Chronic absence', domain: 'attendance', type: 'binary' as const, lower_is_better: true, unit: 'percent' as const, estimates: [estimateFixture({ method: 'matching', n_treated: 100, mean_treated: suppressed ? 0.05 : 0.3, mean_comparison: 0.35 })] });

  it('hides the cost per additional student not chronically absent when the estimate it divides by is hidden', () => {
    const r = resultsFixture([chronic(true)]);
    r.cost = cost('matching');
    const e = applyPrivacyGate(r, 10).data.cost!.effectiveness[0]!;
    // 5 of 100 visited students chronically absent: the estimate goes (numerator rule), and so does the ratio that rests on it
    expect([e.suppressed, e.ratio, e.fieller_low, e.bootstrap_high]).toEqual([true, null, null, null]);
  });

  it('keeps it when the estimate is shown, and hides the cost per visited student when the site count is hidden', () => {
    const r = resultsFixture([chronic(false)]);
    r.cost = cost('matching');
    r.fidelity = fidelity([row('A', 30, 6)]);
    const g = applyPrivacyGate(r, 10).data;
    expect(g.fidelity!.site.students_visited).toBeNull();
    // a hidden site: its visits and the costs priced on them would give its size away, so no cost number is shown
    expect([g.cost!.per_visited_student, g.cost!.quantities.visited_students, g.cost!.total, g.cost!.per_completed_visit]).toEqual([null, null, null, null]);
    expect(g.cost!.effectiveness[0]!.suppressed).toBe(true);
  });
});
