import { applyPrivacyGate, type Publishable } from '../../src/privacy/privacy-gate.js';
import { SCHEMA_VERSION, type Estimate, type OutcomeResult, type Results } from '../../src/results/results-schema.js';

/** A minimal valid Results object for unit tests of renderers and the gate. */
export function resultsFixture(outcomes: OutcomeResult[] = []): Results {
  return {
    schema_version: SCHEMA_VERSION,
    name: 'Fixture District',
    site: 'fixture',
    state: null,
    outcome_year: 2017,
    generated_at: '2017-01-01T00:00:00.000Z',
    provenance: { software: 'home-visit-eval', software_version: '0', duckdb_version: 'v', pipeline_file: 'p', pipeline_sha256: 'a'.repeat(64), seed: 1, inputs: [] },
    definitions: { source: 'pipeline', school_year_window: 'w', chronic_threshold: 0.1, min_days_enrolled: 10, proficient_level: 3, comparison: 'c', attendance_kind: 'daily', visited: 'v' },
    privacy: { min_cell: 10, rule: 'r', top_bottom_code: null },
    sample_flow: [{ step: 'Analytic sample', students: 400, visited: 100, comparison: 300 }],
    outcomes,
    suppression_log: [],
  };
}

/** Results passed through the privacy gate, as every renderer takes them. */
export function gatedFixture(r: Results, minCell = 10): Publishable<Results> {
  return applyPrivacyGate(r, minCell);
}

/** An estimate with sensible defaults, overridden by `x`. */
export function estimateFixture(x: Partial<Estimate>): Estimate {
  return {
    method: 'regression', estimand: 'att_regression', n_treated: 100, n_comparison: 300, mean_treated: 0.15, mean_comparison: 0.2, sd_treated: null, sd_comparison: null,
    estimate: -0.05, se: 0.02, df: 20, ci_low: -0.09, ci_high: -0.01, p_value: 0.01, effect_size: -0.2, effect_size_type: 'cox_index', improvement_index: 8,
    suppressed: false, notes: [], bh_p_value: 0.02, bh_significant: true,
    baseline: { measure: 'prior_chronic_absence', effect_size: 0.1, effect_size_type: 'cox_index', band: 'adjustment_required', adjusted_in_model: true, verdict: 'meets_with_reservations', n_treated: 100, n_comparison: 300 },
    ...x,
  };
}
