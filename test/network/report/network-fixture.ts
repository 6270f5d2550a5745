import { NETWORK_VERSION, NetworkResultsSchema, type NetworkResults, type PooledCell, type StudyRow } from '../../../src/network/network-schema.js';

/** A site name that HTML and SVG must escape. */
export const TAG_SITE = 'a<b>&co';
/** A site name that a spreadsheet would run as a formula. */
export const FORMULA_SITE = '=HYPERLINK("http://evil.example","x")';

const z = 1.959963984540054;

/** A study with a Wald CI from its estimate and SE. */
function study(site: string, state: string | null, year: number, estimate: number, se: number, n: number, weights: StudyRow['weights']): StudyRow {
  return {
    site, state, year, estimate, se, variance: se * se, ci_low: estimate - z * se, ci_high: estimate + z * se,
    n_treated: n / 4, n_comparison: (3 * n) / 4, n, reach: 0.2, fidelity_score: 0.7, weights,
  };
}

const w = (fe: number, dl: number, reml: number): StudyRow['weights'] => [
  { estimator: 'FE', weight: fe },
  { estimator: 'DL', weight: dl },
  { estimator: 'REML', weight: reml },
];

/** Chronic absence, regression, difference: three sites (two in CA, one in OR), hand-chosen pooled numbers. */
function chronicDifference(): PooledCell {
  return {
    outcome: 'chronic_absence', label: 'Chronic absence', outcome_type: 'binary', unit: 'percent', lower_is_better: true,
    method: 'regression', scale: 'difference', effect_size_type: null, k: 3, sites: 3, dependence: 'one_study_per_site',
    left_out: { suppressed: 0, sites: [] }, n_total: 1200, suppressed: false, suppression_reason: null,
    heterogeneity: { q: 3.5, q_df: 2, q_p_value: 0.174 },
    fits: [
      { estimator: 'FE', estimate: -0.04, se: 0.01, tau2: 0, tau: 0, i2: null, cis: [{ ci_method: 'wald', se: 0.01, df: null, ci_low: -0.06, ci_high: -0.02, p_value: 0.0001 }], prediction: null },
      {
        estimator: 'DL', estimate: -0.042, se: 0.012, tau2: 0.0001, tau: 0.01, i2: 0.3,
        cis: [{ ci_method: 'wald', se: 0.012, df: null, ci_low: -0.066, ci_high: -0.018, p_value: 0.0005 }, { ci_method: 'hksj', se: 0.015, df: 2, ci_low: -0.107, ci_high: 0.023, p_value: 0.11 }],
        prediction: { method: 'z', low: -0.073, high: -0.011 },
      },
      {
        estimator: 'REML', estimate: -0.045, se: 0.013, tau2: 0.00025, tau: 0.0158113883, i2: 0.4,
        cis: [{ ci_method: 'wald', se: 0.013, df: null, ci_low: -0.07, ci_high: -0.02, p_value: 0.0006 }, { ci_method: 'hksj', se: 0.0081, df: 2, ci_low: -0.08, ci_high: -0.01, p_value: 0.031 }],
        prediction: { method: 'z', low: -0.085, high: -0.005 },
      },
    ],
    studies: [
      study(TAG_SITE, 'CA', 2017, -0.05, 0.02, 400, w(0.4, 0.38, 0.37)),
      study(FORMULA_SITE, 'CA', 2017, -0.02, 0.02, 400, w(0.4, 0.38, 0.37)),
      study('siteC', 'OR', 2017, -0.08, 0.04, 400, w(0.2, 0.24, 0.26)),
    ],
    notes: [],
  };
}

/** ELA, regression, difference: site siteC gives two years, so only RVE. */
function elaRve(): PooledCell {
  const rve = (e: number): StudyRow['weights'] => [{ estimator: 'RVE', weight: e }];
  return {
    outcome: 'ela_z', label: 'ELA score (z)', outcome_type: 'continuous', unit: 'sd', lower_is_better: false,
    method: 'regression', scale: 'difference', effect_size_type: null, k: 4, sites: 3, dependence: 'several_years_rve',
    left_out: { suppressed: 1, sites: ['siteD (2017)'] }, n_total: 1600, suppressed: false, suppression_reason: null, heterogeneity: null,
    fits: [{ estimator: 'RVE', estimate: 0.061, se: 0.02, tau2: 0.0009, tau: 0.03, i2: null, cis: [{ ci_method: 'cr2_satterthwaite', se: 0.02, df: 1.8, ci_low: -0.03, ci_high: 0.152, p_value: 0.09 }], prediction: { method: 'z', low: 0.01, high: 0.112 } }],
    studies: [
      study(TAG_SITE, 'CA', 2017, 0.05, 0.03, 400, rve(0.25)),
      study(FORMULA_SITE, 'CA', 2017, 0.07, 0.03, 400, rve(0.25)),
      study('siteC', 'OR', 2016, 0.04, 0.03, 400, rve(0.25)),
      study('siteC', 'OR', 2017, 0.08, 0.03, 400, rve(0.25)),
    ],
    notes: ['Some sites give several years, so the years are pooled with robust variance estimation clustered by site (CR2, Satterthwaite df), never as independent studies.'],
  };
}

/** Any suspension, unadjusted, difference: suppressed (fewer than min_cell students). */
function suppressedCell(): PooledCell {
  return {
    outcome: 'any_suspension', label: 'Any suspension', outcome_type: 'binary', unit: 'percent', lower_is_better: true,
    method: 'unadjusted', scale: 'difference', effect_size_type: null, k: 2, sites: 2, dependence: 'one_study_per_site',
    left_out: { suppressed: 0, sites: [] }, n_total: null, suppressed: true, suppression_reason: 'pooled_n_below_min_cell',
    heterogeneity: null, fits: [], studies: [], notes: ['The pooled studies rest on fewer than 10 students.'],
  };
}

/** A zod-valid network of three sites in two states (OR has one site), with one pooled, one RVE and one suppressed cell. */
export function networkFixture(): NetworkResults {
  const r: NetworkResults = {
    network_version: NETWORK_VERSION,
    source: 'bundles',
    generated_at: '2020-01-01T00:00:00.000Z',
    software_version: '0.1.0',
    min_cell: 10,
    definitions: { chronic_threshold: 0.1, min_days_enrolled: 10, proficient_level: 3, comparison_group: 'program_schools' },
    mixed: false,
    excluded: [{ file: 'old.json', site: 'siteX', year: 2017, reason: 'mixed_definitions' }],
    input_rows: null,
    sites: [
      { site: TAG_SITE, state: 'CA', year: 2017, file: 'a.json', schools: 10, reach: 0.25, schools_at_threshold: 8, program_schools: 10, fidelity_score: 0.81, n: 400, cost_per_visited_student: 120, currency: 'USD', price_year: 2017 },
      { site: FORMULA_SITE, state: 'CA', year: 2017, file: 'b.json', schools: 6, reach: 0.15, schools_at_threshold: 4, program_schools: 6, fidelity_score: 0.55, n: 400, cost_per_visited_student: null, currency: null, price_year: null },
      { site: 'siteC', state: 'OR', year: 2017, file: 'c.json', schools: 4, reach: 0.3, schools_at_threshold: 4, program_schools: 4, fidelity_score: 0.9, n: 400, cost_per_visited_student: 95, currency: 'USD', price_year: 2017 },
    ],
    pooled: [chronicDifference(), elaRve(), suppressedCell()],
    meta_regression: [
      {
        outcome: 'chronic_absence', label: 'Chronic absence', method: 'regression', scale: 'difference', moderator: 'fidelity_score', k: 3, sites: 3,
        estimator: 'REML', test: 'knha', tau2_residual: 0.0001,
        coefficients: [
          { term: 'intercept', estimate: 0.02, se: 0.03, df: 1, ci_low: -0.36, ci_high: 0.4, p_value: 0.62 },
          { term: 'fidelity_score', estimate: -0.09, se: 0.04, df: 1, ci_low: -0.598, ci_high: 0.418, p_value: 0.266 },
        ],
        low_power: true, suppressed: false, suppression_reason: null, notes: ['With fewer than 10 sites the test has little power.'],
      },
    ],
    states: [
      { state: 'CA', outcome: 'chronic_absence', method: 'regression', scale: 'difference', kind: 'state', site: null, year: null, sites: 2, k: 2, estimator: 'REML', ci_method: 'hksj', estimate: -0.035, ci_low: -0.225, ci_high: 0.155, tau2: 0.0002, n_total: 800, suppressed: false, suppression_reason: null },
      { state: 'OR', outcome: 'chronic_absence', method: 'regression', scale: 'difference', kind: 'single_site', site: 'siteC', year: 2017, sites: 1, k: 1, estimator: null, ci_method: 'wald', estimate: -0.08, ci_low: -0.158, ci_high: -0.002, tau2: null, n_total: 400, suppressed: false, suppression_reason: null },
    ],
    rules: { prediction_interval: 'z_wald_t_hksj', level: 0.95, several_years: 'rve_cr2_by_site', state_rollup: 'REML_hksj', low_power_sites: 10 },
    notes: [],
  };
  return NetworkResultsSchema.parse(r);
}
