import { balanceTable, wwcBand } from '../stats/matching/index.js';
import type { Estimate } from '../results/results-schema.js';
import type { AnalysisFrame } from './analysis-frame.js';
import type { OutcomeDef } from './outcomes.js';

/** The WWC baseline-equivalence verdict of one finding (results.json `estimates[].baseline`). */
export type BaselineVerdict = NonNullable<Estimate['baseline']>;

/** The effect size of a baseline measure between the groups of a finding, and how many students of each group have it. */
export interface BaselineBalance {
  effect_size: number | null;
  effect_size_type: 'hedges_g' | 'cox_index';
  n_treated: number;
  n_comparison: number;
}

/**
 * The WWC verdict (Procedures Handbook v5.0) from the baseline effect size of the sample a finding uses:
 * |ES| ≤ 0.05 meets standards with reservations (a quasi-experiment can do no better); 0.05 < |ES| ≤ 0.25
 * meets them only when the finding's model adjusts for the measure; |ES| > 0.25 does not meet them; no
 * students with the measure on a side: not assessed.
 */
export function baselineVerdict(measure: string, b: BaselineBalance, adjusted: boolean): BaselineVerdict {
  const band = wwcBand(b.effect_size);
  const verdict =
    band === 'undefined' ? 'not_assessed' : band === 'satisfied' || (band === 'adjustment_required' && adjusted) ? 'meets_with_reservations' : 'does_not_meet';
  return {
    measure,
    effect_size: b.effect_size,
    effect_size_type: b.effect_size_type,
    band,
    adjusted_in_model: adjusted,
    verdict,
    n_treated: b.n_treated,
    n_comparison: b.n_comparison,
  };
}

/** The verdict when no baseline measure was named for an outcome: not assessed. */
export function noBaseline(def: OutcomeDef): BaselineVerdict {
  return {
    measure: '(none)',
    effect_size: null,
    effect_size_type: def.type === 'binary' ? 'cox_index' : 'hedges_g',
    band: 'undefined',
    adjusted_in_model: false,
    verdict: 'not_assessed',
    n_treated: null,
    n_comparison: null,
  };
}

/**
 * The verdict of a finding on its outcome's own baseline measure, in the frame rows `index` it uses
 * (`weights`, one per index entry, as the finding weights them; the SD is the unweighted one).
 */
export function findingBaseline(
  frame: AnalysisFrame,
  def: OutcomeDef,
  index: Int32Array,
  opts: { adjusted: boolean; weights?: Float64Array },
): BaselineVerdict {
  const values = def.baseline ? frame.numeric[def.baseline] : undefined;
  if (!values) return noBaseline(def);
  const treated = frame.numeric.visited!;
  const row = balanceTable({
    covariates: [{ name: def.baseline!, values: Float64Array.from(index, (i) => values[i]!), binary: def.type === 'binary' }],
    treated: Uint8Array.from(index, (i) => (treated[i] === 1 ? 1 : 0)),
    ...(opts.weights ? { weights: opts.weights } : {}),
  })[0]!;
  // students with the measure (and a positive weight), not the weighted effective sample size
  return baselineVerdict(def.baseline!, { ...row, n_treated: row.n_treated_units, n_comparison: row.n_comparison_units }, opts.adjusted);
}
