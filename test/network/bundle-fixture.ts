import { BUNDLE_VERSION, type Bundle, type BundleEstimate } from '../../src/network/bundle-schema.js';

/** A bundle estimate with sensible defaults, overridden by `x`. */
export function bundleEstimate(x: Partial<BundleEstimate> = {}): BundleEstimate {
  return {
    method: 'regression', estimate: -0.05, se: 0.02, se_type: 'cr2_satterthwaite', df: 20, ci_low: -0.09, ci_high: -0.01, p_value: 0.01,
    n_treated: 100, n_comparison: 300, effect_size: -0.2, effect_size_type: 'cox_index', effect_size_se: 0.1, baseline_verdict: 'meets_with_reservations', suppressed: false,
    ...x,
  };
}

/** A minimal valid bundle of one outcome (chronic absence) with the given estimates. */
export function bundleFixture(x: Partial<Bundle> = {}, estimates: BundleEstimate[] = [bundleEstimate()]): Bundle {
  return {
    bundle_version: BUNDLE_VERSION,
    site: 'alpha',
    state: 'CA',
    outcome_year: 2017,
    schools: 12,
    provenance: { software: 'home-visit-eval', software_version: '0.1.0', results_schema_version: '2.1.0', pipeline_sha256: 'a'.repeat(64), inputs: [{ extract: 'students', sha256: 'b'.repeat(64) }] },
    definitions: { chronic_threshold: 0.1, min_days_enrolled: 10, proficient_level: 3, comparison_group: 'program_schools' },
    min_cell: 10,
    outcomes: [{ outcome: 'chronic_absence', type: 'binary', unit: 'percent', lower_is_better: true, estimates }],
    reach: { share: 0.25, threshold: 0.1, schools_at_threshold: 8, program_schools: 10 },
    fidelity: { score: 0.8, practice_shares: [{ measure: 'pairs', recorded: true, share: 0.9 }] },
    cost: { source: 'ingredients', total: 50000, per_visited_student: 100, currency: 'USD', price_year: 2017 },
    ...x,
  };
}
