import { describe, expect, it } from 'vitest';
import { baselineVerdict, findingBaseline, noBaseline } from '../../src/estimate/baseline-verdict.js';
import type { AnalysisFrame } from '../../src/estimate/analysis-frame.js';
import type { OutcomeDef } from '../../src/estimate/outcomes.js';

const g = (effect_size: number | null) => ({ effect_size, effect_size_type: 'hedges_g' as const, n_treated: 30, n_comparison: 40 });

describe('baselineVerdict: WWC bands with closed upper bounds (|ES| ≤ 0.05, ≤ 0.25, > 0.25)', () => {
  it('|ES| = 0.05 is satisfied: meets standards with reservations, adjusted or not', () => {
    for (const adjusted of [false, true]) {
      const v = baselineVerdict('prior_x', g(-0.05), adjusted);
      expect([v.band, v.verdict]).toEqual(['satisfied', 'meets_with_reservations']);
    }
  });

  it('0.05 < |ES| ≤ 0.25 needs the model to adjust for the measure', () => {
    for (const es of [0.0501, 0.25, -0.25]) {
      expect(baselineVerdict('prior_x', g(es), true)).toMatchObject({ band: 'adjustment_required', verdict: 'meets_with_reservations', adjusted_in_model: true });
      expect(baselineVerdict('prior_x', g(es), false)).toMatchObject({ band: 'adjustment_required', verdict: 'does_not_meet', adjusted_in_model: false });
    }
  });

  it('|ES| > 0.25 does not meet standards even when adjusted; an undefined ES is not assessed', () => {
    expect(baselineVerdict('prior_x', g(0.2501), true)).toMatchObject({ band: 'not_satisfied', verdict: 'does_not_meet' });
    expect(baselineVerdict('prior_x', g(null), true)).toMatchObject({ band: 'undefined', verdict: 'not_assessed' });
  });

  it('carries the measure and the counts of students with it', () => {
    expect(baselineVerdict('prior_x', g(0.1), true)).toMatchObject({ measure: 'prior_x', n_treated: 30, n_comparison: 40, effect_size: 0.1 });
  });
});

const def = (baseline: string | null, type: OutcomeDef['type'] = 'continuous'): OutcomeDef => ({
  outcome: 'y',
  label: 'y',
  domain: 'y',
  type,
  lower_is_better: false,
  unit: 'value',
  baseline,
  needs: 'none',
});

describe('findingBaseline: the verdict in the rows a finding uses', () => {
  // visited rows 0–2 have prior 1, 2, 3; comparison rows 3–5 have 2, 3, 4; row 6 (comparison) lacks it.
  // Hedges g: difference −1, pooled SD 1, ω = 1 − 3/(4·6 − 9) = 0.8, so g = −0.8 (not satisfied).
  const frame: AnalysisFrame = {
    n: 7,
    numeric: { visited: Float64Array.from([1, 1, 1, 0, 0, 0, 0]), prior: Float64Array.from([1, 2, 3, 2, 3, 4, NaN]) },
    categorical: {},
  };
  const all = Int32Array.from([0, 1, 2, 3, 4, 5, 6]);

  it('computes Hedges g over the students with the measure, and counts them', () => {
    const v = findingBaseline(frame, def('prior'), all, { adjusted: true });
    expect(v.effect_size).toBeCloseTo(-0.8, 12);
    expect(v).toMatchObject({ band: 'not_satisfied', verdict: 'does_not_meet', n_treated: 3, n_comparison: 3, effect_size_type: 'hedges_g' });
  });

  it('uses only the rows given (here the first two of each group: difference −1, SD 0.707…, ω = 1 − 3/7)', () => {
    const v = findingBaseline(frame, def('prior'), Int32Array.from([0, 1, 3, 4]), { adjusted: false });
    expect(v.effect_size).toBeCloseTo(((1 - 3 / 7) * -1) / Math.sqrt(0.5), 12);
    expect([v.n_treated, v.n_comparison]).toEqual([2, 2]);
  });

  it('without a baseline measure the finding is not assessed', () => {
    expect(findingBaseline(frame, def(null, 'binary'), all, { adjusted: true })).toEqual(noBaseline(def(null, 'binary')));
    expect(noBaseline(def(null, 'binary'))).toMatchObject({ verdict: 'not_assessed', band: 'undefined', effect_size_type: 'cox_index', n_treated: null });
  });
});
