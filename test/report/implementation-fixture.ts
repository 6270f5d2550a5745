/** A hand-made Results with a fidelity and a cost block, for the implementation renderers' tests (numbers chosen to check by hand). */
import type { Results } from '../../src/results/results-schema.js';
import type { CostResults, FidelityResults, FidelityRow, ShareCell, ShareMeasure } from '../../src/results/fidelity-results-schema.js';
import { resultsFixture, estimateFixture } from '../helpers/results-fixture.js';

const share = (measure: ShareMeasure, numerator: number, denominator: number): ShareCell => ({ measure, recorded: true, numerator, denominator, share: numerator / denominator });
const notRecorded = (measure: ShareMeasure): ShareCell => ({ measure, recorded: false, numerator: null, denominator: null, share: null });

/** A school row: `visited` of `students`, every visit practice as given (paid is never recorded), no targeting unless given. */
function school(id: string | null, students: number, visited: number, families: number, over: Partial<FidelityRow> = {}): FidelityRow {
  const v = visited;
  return {
    school_id: id,
    program_school: v > 0,
    students,
    students_visited: v,
    reach: v / students,
    at_threshold: v / students >= 0.1,
    families: students - 10,
    families_visited: families,
    visiting_educators: v > 0 ? 8 : 0,
    visits_completed: v,
    visits_attempted: 3,
    visits_cancelled: 2,
    visits_declined: 1,
    shares:
      v > 0
        ? [share('prearranged', v - 2, v), share('scheduled', v, v), share('pairs', v - 4, v), notRecorded('paid'), share('relationship_first', v - 5, v), share('later_academic', 10, v), share('reflection', v - 6, v), notRecorded('roster_visited'), notRecorded('trained_visitors')]
        : (['prearranged', 'scheduled', 'pairs', 'paid', 'relationship_first', 'later_academic', 'reflection', 'roster_visited', 'trained_visitors'] as const).map(notRecorded),
    median_lead_days: 7,
    stipend_total: null,
    targeting:
      v > 0
        ? {
            covariates: [{ covariate: 'prior_attendance_rate', effect_size_type: 'hedges_g', n_visited: v, n_not_visited: students - v, smd: 0.05, worse_off: -0.05, se: 0.2 }],
            targeting: false,
            targeting_on: [],
            targeting_imprecise_on: [],
            self_selection: false,
            self_selection_on: [],
          }
        : null,
    summer_visits: v > 0 ? 5 : 0,
    school_year_visits: v > 0 ? v - 5 : 0,
    first_school_day: v > 0 ? '2016-08-22' : null,
    median_days_to_first_visit: v > 0 ? -4 : null,
    practices_not_met: [],
    score: null,
    score_components: [],
    suppressed: false,
    ...over,
  };
}

/** Score of a row from its prearranged, pairs, relationship_first and reflection shares and its targeting flag (paid is not recorded). */
function scored(r: FidelityRow): FidelityRow {
  const get = (m: ShareMeasure) => r.shares.find((c) => c.measure === m)!.share!;
  const components = [
    { practice: 'prearranged' as const, value: get('prearranged') },
    { practice: 'pairs' as const, value: get('pairs') },
    { practice: 'relationship_first' as const, value: get('relationship_first') },
    { practice: 'reflection' as const, value: get('reflection') },
    { practice: 'not_targeted' as const, value: r.targeting?.targeting ? 0 : 1 },
  ];
  const notMet = [...components.filter((c) => c.practice !== 'not_targeted' && c.value < 0.8).map((c) => c.practice), ...(r.targeting?.targeting ? (['not_targeted'] as const) : [])];
  return { ...r, score_components: components, score: components.reduce((a, c) => a + c.value, 0) / components.length, practices_not_met: notMet };
}

/**
 * SCH001: 40 of 200 visited, every practice met (prearranged 38/40, pairs 36/40, relationship first 35/40,
 * reflection 34/40, not targeted: score (0.95 + 0.9 + 0.875 + 0.85 + 1) / 5 = 0.915).
 * SCH002: 30 of 150, visits solo (pairs 2/30) and targeted (g = −1.40 on prior attendance).
 * SCH003: 4 of 100 visited: a small group, hidden by the gate. SCH004: no visits. SCH005: 12 of 60, pairs 8/12 and
 * reflection 6/12, below the practice threshold of 0.8.
 */
export function implementationResults(): Results {
  const sch002 = school('SCH002', 150, 30, 27, {
    targeting: {
      covariates: [{ covariate: 'prior_attendance_rate', effect_size_type: 'hedges_g', n_visited: 30, n_not_visited: 120, smd: -1.4, worse_off: 1.4, se: 0.21 }],
      targeting: true,
      targeting_on: ['prior_attendance_rate'],
      targeting_imprecise_on: [],
      self_selection: false,
      self_selection_on: [],
    },
  });
  sch002.shares = sch002.shares.map((c) => (c.measure === 'pairs' ? share('pairs', 2, 30) : c));
  const schools = [scored(school('SCH001', 200, 40, 36)), scored(sch002), scored(school('SCH003', 100, 4, 3)), school('SCH004', 80, 0, 0), scored(school('SCH005', 60, 12, 11))];
  const site = scored(school(null, 590, 86, 77, { visits_completed: 150, first_school_day: null }));
  const fidelity: FidelityResults = {
    settings: { reach_threshold: 0.1, reflection_days: 14, targeting_smd: 0.25, practice_threshold: 0.8 },
    recorded: { scheduled_date: true, educators: true, educator_ids: true, compensated: false, stipend_amount: false, visit_type: true, reflection_date: true, duration_min: true, family_id: true, educators_extract: false },
    site,
    schools,
    months: [
      { month: '2016-08', visits: 20 },
      { month: '2016-09', visits: 66 },
    ],
  };
  const cost: CostResults = {
    source: 'ingredients',
    price_year: 2017,
    currency: 'USD',
    ingredients: [
      { name: 'teacher stipends', basis: 'per_educator_visit_hour', quantity: 100, unit_price: 35, cost: 3500, payer: 'district', note: null, reason: null },
      { name: 'training', basis: 'per_visiting_educator', quantity: 20, unit_price: 120, cost: 2400, payer: 'grant', note: '3 hours at $40', reason: null },
      { name: '=coordinator', basis: 'per_school', quantity: 4, unit_price: 1000, cost: 4000, payer: 'district', note: null, reason: null },
    ],
    by_payer: [
      { payer: 'district', cost: 7500 },
      { payer: 'grant', cost: 2400 },
    ],
    total: 9900,
    known_total: 9900,
    missing: [],
    per_completed_visit: 9900 / 150,
    per_visited_student: 9900 / 86,
    per_visited_family: 9900 / 77,
    quantities: { completed_visits: 150, visit_hours: 50, educator_visit_hours: 100, visiting_educators: 20, program_schools: 4, visited_students: 86, visited_families: 77 },
    effectiveness: [
      { outcome: 'chronic_absence', unit: 'student_not_chronically_absent', method: 'regression', gain: 0.05, status: 'bounded', ratio: 9900 / 86 / 0.05, fieller_low: 1300, fieller_high: 11000, bootstrap_status: 'bounded', bootstrap_low: 1250, bootstrap_high: 9800, bootstrap_reps: 999, bootstrap_estimator: 'regression_linear', suppressed: false },
      { outcome: 'days_absent', unit: 'absence_avoided', method: 'regression', gain: 0.9, status: 'unbounded', ratio: 9900 / 86 / 0.9, fieller_low: null, fieller_high: null, bootstrap_status: 'unbounded', bootstrap_low: null, bootstrap_high: null, bootstrap_reps: 999, bootstrap_estimator: 'regression_linear', suppressed: false },
    ],
  };
  const outcomes: Results['outcomes'] = [
    { outcome: 'chronic_absence', label: 'Chronically absent', domain: 'attendance', type: 'binary', lower_is_better: true, unit: 'percent', estimates: [estimateFixture({})] },
    {
      outcome: 'days_absent', label: 'Days absent', domain: 'attendance', type: 'count', lower_is_better: true, unit: 'days',
      estimates: [estimateFixture({ mean_treated: 8.1, mean_comparison: 9, estimate: -0.9, se: 0.6, ci_low: -2.1, ci_high: 0.3, p_value: 0.14, effect_size: -0.1, effect_size_type: 'hedges_g', bh_significant: false, bh_p_value: 0.14, baseline: { measure: 'prior_days_absent', effect_size: 0.1, effect_size_type: 'hedges_g', band: 'adjustment_required', adjusted_in_model: true, verdict: 'meets_with_reservations', n_treated: 100, n_comparison: 300 } })],
    },
  ];
  return { ...resultsFixture(outcomes), fidelity, cost };
}
