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
import { finiteOrNull } from './finite-or-null.js';

/**
 * The unadjusted comparison of one outcome: group means, difference (treated − comparison), 95% CI and p
 * (Welch t for continuous and count outcomes, unpooled Wald z for binary), Hedges' g or Cox index, improvement index.
 */
export function unadjustedEstimate(def: OutcomeDef, treated: Float64Array, comparison: Float64Array): Estimate {
  const t = summarize(treated);
  const c = summarize(comparison);
  const notes: string[] = [];
  const binary = def.type === 'binary';
  const diff = binary ? proportionDifference({ n: t.n, p: t.mean }, { n: c.n, p: c.mean }) : welchDifference(t, c);
  const es = binary ? coxIndex(t.mean, c.mean, t.n, c.n) : hedgesG(t, c);
  const undefinedEs = binary
    ? 'Cox index undefined: a group rate is 0% or 100%'
    : 'Hedges g undefined: no variation in the outcome';
  const noTest = 'no test: the standard error is zero (no variation) or a group has fewer than 2 students';
  return {
    method: 'unadjusted',
    estimand: binary ? 'difference in proportions (unadjusted)' : 'difference in means (unadjusted)',
    n_treated: t.n,
    n_comparison: c.n,
    mean_treated: finiteOrNull(t.mean, notes, 'no visited students with this outcome'),
    mean_comparison: finiteOrNull(c.mean, notes, 'no comparison students with this outcome'),
    sd_treated: binary ? null : finiteOrNull(t.sd, notes, 'SD needs at least 2 students'),
    sd_comparison: binary ? null : finiteOrNull(c.sd, notes, 'SD needs at least 2 students'),
    estimate: finiteOrNull(diff.estimate, notes, 'difference undefined: a group is empty'),
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
  };
}
