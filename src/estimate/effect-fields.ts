import type { ContrastResult } from '../results/results-schema.js';
import { note, type Note } from '../results/vocabulary.js';
import { finiteOrNull } from './finite-or-null.js';

/** The estimate, SE, CI and p of a model effect as finite numbers or nulls (with `value_undefined` notes naming the field). */
export function effectFields(
  eff: { estimate: number; se: number; ci_low: number; ci_high: number; p_value: number } | null,
  notes: Note[],
): Pick<ContrastResult, 'estimate' | 'se' | 'ci_low' | 'ci_high' | 'p_value'> {
  if (!eff) return { estimate: null, se: null, ci_low: null, ci_high: null, p_value: null };
  return {
    estimate: finiteOrNull(eff.estimate, notes, note('value_undefined', { field: 'estimate' })),
    se: finiteOrNull(eff.se, notes, note('value_undefined', { field: 'se' })),
    ci_low: finiteOrNull(eff.ci_low, notes, note('value_undefined', { field: 'ci' })),
    ci_high: finiteOrNull(eff.ci_high, notes, note('value_undefined', { field: 'ci' })),
    p_value: finiteOrNull(eff.p_value, notes, note('value_undefined', { field: 'p_value' })),
  };
}

/** The odds or rate ratio of a logistic or Poisson effect (absent for a linear one), nulls noted. */
export function ratioFields(
  eff: { ratio: number | null; ratio_ci_low: number | null; ratio_ci_high: number | null } | null,
  type: 'continuous' | 'binary' | 'count',
  notes: Note[],
): Pick<ContrastResult, 'ratio' | 'ratio_type' | 'ratio_ci_low' | 'ratio_ci_high'> {
  if (eff?.ratio == null) return { ratio: null, ratio_type: null, ratio_ci_low: null, ratio_ci_high: null };
  const ciWhy = note('ratio_ci_undefined');
  return {
    ratio: finiteOrNull(eff.ratio, notes, note('value_undefined', { field: 'ratio' })),
    ratio_type: type === 'binary' ? 'odds_ratio' : type === 'count' ? 'rate_ratio' : null,
    ratio_ci_low: eff.ratio_ci_low == null ? null : finiteOrNull(eff.ratio_ci_low, notes, ciWhy),
    ratio_ci_high: eff.ratio_ci_high == null ? null : finiteOrNull(eff.ratio_ci_high, notes, ciWhy),
  };
}
