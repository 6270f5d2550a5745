import {
  summarize,
  welchDifference,
  proportionDifference,
  hedgesG,
  coxIndex,
  improvementIndex,
} from '../stats/index.js';
import type { OutcomeDef } from './outcomes.js';
import type { Estimate } from '../results/results-schema.js';
import { note, type Note } from '../results/vocabulary.js';
import { finiteOrNull } from './finite-or-null.js';

/**
 * The unadjusted comparison of one outcome: group means, difference (treated − comparison), 95% CI and p
 * (Welch t for continuous and count outcomes, unpooled Wald z for binary), Hedges' g or Cox index, improvement index.
 */
export function unadjustedEstimate(def: OutcomeDef, treated: Float64Array, comparison: Float64Array): Estimate {
  const t = summarize(treated);
  const c = summarize(comparison);
  const notes: Note[] = [];
  const binary = def.type === 'binary';
  const diff = binary ? proportionDifference({ n: t.n, p: t.mean }, { n: c.n, p: c.mean }) : welchDifference(t, c);
  const es = binary ? coxIndex(t.mean, c.mean, t.n, c.n) : hedgesG(t, c);
  const undefinedEs = note(binary ? 'rate_at_bound' : 'no_outcome_variation');
  const noTest = note('no_test');
  return {
    method: 'unadjusted',
    estimand: binary ? 'difference_in_proportions' : 'difference_in_means',
    n_treated: t.n,
    n_comparison: c.n,
    mean_treated: finiteOrNull(t.mean, notes, note('group_empty', { field: 'treated' })),
    mean_comparison: finiteOrNull(c.mean, notes, note('group_empty', { field: 'comparison' })),
    sd_treated: binary ? null : finiteOrNull(t.sd, notes, note('sd_needs_two')),
    sd_comparison: binary ? null : finiteOrNull(c.sd, notes, note('sd_needs_two')),
    estimate: finiteOrNull(diff.estimate, notes, note('value_undefined', { field: 'estimate' })),
    se: finiteOrNull(diff.se, notes, noTest),
    df: binary ? null : finiteOrNull(diff.df, notes, noTest),
    ci_low: finiteOrNull(diff.ci_low, notes, noTest),
    ci_high: finiteOrNull(diff.ci_high, notes, noTest),
    p_value: finiteOrNull(diff.p_value, notes, noTest),
    effect_size: finiteOrNull(es, notes, undefinedEs),
    effect_size_type: binary ? 'cox_index' : 'hedges_g',
    improvement_index: finiteOrNull(improvementIndex(es, def.lower_is_better), notes, undefinedEs),
    suppressed: false,
    notes,
    se_type: binary ? 'wald_unpooled' : 'welch_t',
  };
}
