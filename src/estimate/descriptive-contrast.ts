import { summarize, welchDifference, proportionDifference } from '../stats/index.js';
import type { ContrastResult } from '../results/results-schema.js';
import { note, type Note } from '../results/vocabulary.js';
import type { OutcomeDef } from './outcomes.js';
import { finiteOrNull } from './finite-or-null.js';

/** Values of an outcome for the rows where mask is 1, NaN skipped. */
export function valuesWhere(y: Float64Array, mask: (i: number) => boolean): Float64Array {
  let m = 0;
  for (let i = 0; i < y.length; i++) if (mask(i) && !Number.isNaN(y[i]!)) m++;
  const out = new Float64Array(m);
  for (let i = 0, k = 0; i < y.length; i++) if (mask(i) && !Number.isNaN(y[i]!)) out[k++] = y[i]!;
  return out;
}

/** An unadjusted contrast of one group against a reference group (Welch, or Wald for binary outcomes), labelled descriptive. */
export function descriptiveContrast(
  analysis: string,
  def: OutcomeDef,
  level: string,
  levelValues: Float64Array,
  reference: string,
  referenceValues: Float64Array,
): ContrastResult {
  const a = summarize(levelValues);
  const b = summarize(referenceValues);
  const notes: Note[] = [];
  const binary = def.type === 'binary';
  const d = binary ? proportionDifference({ n: a.n, p: a.mean }, { n: b.n, p: b.mean }) : welchDifference(a, b);
  const noTest = note('no_test');
  return {
    analysis,
    outcome: def.outcome,
    level,
    reference,
    n_level: a.n,
    n_reference: b.n,
    mean_level: finiteOrNull(a.mean, notes, note('group_empty', { field: 'level' })),
    mean_reference: finiteOrNull(b.mean, notes, note('group_empty', { field: 'reference' })),
    estimate: finiteOrNull(d.estimate, notes, note('value_undefined', { field: 'estimate' })),
    se: finiteOrNull(d.se, notes, noTest),
    ci_low: finiteOrNull(d.ci_low, notes, noTest),
    ci_high: finiteOrNull(d.ci_high, notes, noTest),
    p_value: finiteOrNull(d.p_value, notes, noTest),
    model: binary ? 'proportion_difference' : 'welch_difference',
    se_type: binary ? 'wald_unpooled' : 'welch_t',
    clusters: null,
    descriptive: true,
    suppressed: false,
    notes,
  };
}
