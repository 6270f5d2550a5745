import { describe, expect, it } from 'vitest';
import { metaAnalysis } from '../../../src/stats/index.js';
import type { MetaMethod, MetaTest } from '../../../src/stats/meta/index.js';
import { normalQuantile } from '../../../src/stats/normal.js';
import { type RCase, ref } from './meta-reference.js';

const combos: [MetaMethod, MetaTest][] = [
  ['FE', 'z'],
  ['FE', 'knha'],
  ['DL', 'z'],
  ['DL', 'knha'],
  ['REML', 'z'],
  ['REML', 'knha'],
];

/** Every number metafor reports for one fit, to `tol` (absolute). */
function expectMatchesR(c: RCase, method: MetaMethod, test: MetaTest, tol: number): void {
  const r = c.fits[`${method}_${test}`]!;
  const a = metaAnalysis({ yi: c.yi, vi: c.vi }, { method, test });
  expect(a.k).toBe(c.yi.length);
  for (const key of ['estimate', 'se', 'ci_low', 'ci_high', 'statistic', 'tau2', 'I2', 'H2', 'Q'] as const) {
    expect(a[key], key).toBeCloseTo(r[key], -Math.log10(tol));
  }
  if (method === 'FE') {
    // metafor's predict() has no prediction interval for a fixed-effect model (the JSON holds null).
    expect(r.pi_low).toBeNull();
    expect(a.pi_low).toBeNull();
    expect(a.pi_high).toBeNull();
  } else {
    expect(a.pi_low).toBeCloseTo(r.pi_low!, -Math.log10(tol));
    expect(a.pi_high).toBeCloseTo(r.pi_high!, -Math.log10(tol));
  }
  expect(Math.abs(a.p_value - r.p_value) / r.p_value, 'p relative').toBeLessThan(1e-6);
  expect(Math.abs(a.Q_p! - r.Q_p) / r.Q_p, 'Q p relative').toBeLessThan(1e-6);
  expect(a.df).toBe(r.df);
  expect(a.Q_df).toBe(c.yi.length - 1);
  expect(a.pi_method).toBe(test === 'z' ? 'z' : 't_k-1');
  a.weights.forEach((w, i) => expect(w).toBeCloseTo(r.weights[i]!, 10));
  expect(a.tau).toBeCloseTo(Math.sqrt(r.tau2), 8);
}

describe('metaAnalysis on dat.normand1999 (SMD, k = 9) against metafor 3.8', () => {
  it.each(combos)('%s with test %s matches rma() and predict()', (method, test) => {
    expectMatchesR(ref.normand, method, test, 1e-8);
  });

  it('reproduces the METHODS.md §5 values to 1e-4', () => {
    const input = { yi: ref.normand.yi, vi: ref.normand.vi };
    const dl = metaAnalysis(input, { method: 'DL', test: 'z' });
    expect(dl.estimate).toBeCloseTo(-0.5307, 4);
    expect(dl.ci_low).toBeCloseTo(-1.0388, 4);
    expect(dl.ci_high).toBeCloseTo(-0.0227, 4);
    expect(dl.tau2).toBeCloseTo(0.5397, 4);
    expect(dl.I2).toBeCloseTo(0.9353, 4);
    expect(dl.Q).toBeCloseTo(123.729, 3);
    const reml = metaAnalysis(input, { method: 'REML', test: 'z' });
    expect(reml.estimate).toBeCloseTo(-0.5371, 4);
    expect(reml.tau2).toBeCloseTo(0.7908, 4);
    expect(reml.I2).toBeCloseTo(0.9549, 4);
  });

  it('REML converges to within metafor default threshold (1e-5) of its default run', () => {
    const reml = metaAnalysis({ yi: ref.normand.yi, vi: ref.normand.vi }, { method: 'REML', test: 'z' });
    expect(Math.abs(reml.tau2! - ref.normand.REML_default_threshold_tau2)).toBeLessThan(1e-5);
    expect(reml.notes).toEqual([]);
  });

  it('DL I² equals max(0, (Q − (k − 1))/Q) (METHODS.md §5)', () => {
    const dl = metaAnalysis({ yi: ref.normand.yi, vi: ref.normand.vi }, { method: 'DL', test: 'z' });
    expect(dl.I2).toBeCloseTo((dl.Q! - 8) / dl.Q!, 12);
  });

  it('HKSJ SE² = Σw*(y − μ)²/((k − 1)Σw*) with the REML weights', () => {
    const { yi, vi } = ref.normand;
    const a = metaAnalysis({ yi, vi }, { method: 'REML', test: 'knha' });
    const w = vi.map((v) => 1 / (v + a.tau2!));
    const sw = w.reduce((s, x) => s + x, 0);
    const ss = w.reduce((s, x, i) => s + x * (yi[i]! - a.estimate) ** 2, 0);
    expect(a.se).toBeCloseTo(Math.sqrt(ss / (8 * sw)), 12);
  });
});

describe('metaAnalysis edge cases', () => {
  it.each(combos)('k = 2 (%s, %s) matches metafor, knha on t(1)', (method, test) => {
    expectMatchesR(ref.k2, method, test, 1e-8);
  });

  it.each(combos)('τ² = 0 boundary, Q < k − 1 (%s, %s) matches metafor', (method, test) => {
    expectMatchesR(ref.homogeneous, method, test, 1e-8);
    const a = metaAnalysis({ yi: ref.homogeneous.yi, vi: ref.homogeneous.vi }, { method, test });
    expect(a.tau2).toBe(0);
    expect(a.I2).toBe(0);
  });

  it.each(combos)('all vi equal (%s, %s) matches metafor', (method, test) => {
    expectMatchesR(ref.equal_vi, method, test, 1e-8);
  });

  it('all vi equal: DL and REML τ² both equal the sample variance minus v (hand calculation)', () => {
    const yi = [0.1, 0.5, 0.3, 0.9, -0.2];
    // mean 0.32; Σ(y − ȳ)² = 0.0484 + 0.0324 + 0.0004 + 0.3364 + 0.2704 = 0.688; s² = 0.172
    const expected = 0.172 - 0.04;
    for (const method of ['DL', 'REML'] as const) {
      const a = metaAnalysis({ yi, vi: [0.04, 0.04, 0.04, 0.04, 0.04] }, { method, test: 'z' });
      expect(a.estimate).toBeCloseTo(0.32, 12);
      expect(a.tau2).toBeCloseTo(expected, 10);
      expect(a.se).toBeCloseTo(Math.sqrt((0.04 + expected) / 5), 10);
      a.weights.forEach((w) => expect(w).toBeCloseTo(0.2, 12));
    }
  });

  it('fixed effect by hand: y = (1, 2), v = (1, 4)', () => {
    // w = (1, 0.25): μ = (1 + 0.5)/1.25 = 1.2, SE² = 1/1.25 = 0.8, Q = 1·0.04 + 0.25·0.64 = 0.2
    const a = metaAnalysis({ yi: [1, 2], vi: [1, 4] }, { method: 'FE', test: 'z' });
    expect(a.estimate).toBeCloseTo(1.2, 14);
    expect(a.se).toBeCloseTo(Math.sqrt(0.8), 14);
    expect(a.Q).toBeCloseTo(0.2, 14);
    expect(a.weights).toEqual([0.8, 0.2]);
    expect(a.tau2).toBe(0);
    expect(a.pi_low).toBeNull();
  });

  it('level 0.9 uses the 95% normal quantile', () => {
    const a = metaAnalysis({ yi: [1, 2], vi: [1, 4] }, { method: 'FE', test: 'z', level: 0.9 });
    expect(a.ci_high - a.estimate).toBeCloseTo(normalQuantile(0.95) * Math.sqrt(0.8), 12);
    expect(a.level).toBe(0.9);
  });

  it('k = 1 returns the estimate with its own z interval and no heterogeneity', () => {
    const a = metaAnalysis({ yi: [0.3], vi: [0.04] }, { method: 'REML', test: 'knha' });
    expect(a.estimate).toBe(0.3);
    expect(a.se).toBeCloseTo(0.2, 14);
    expect(a.ci_low).toBeCloseTo(0.3 - 1.959963984540054 * 0.2, 12); // metafor: −0.0919928
    expect(a.test).toBe('z');
    expect(a.df).toBeNull();
    expect(a.tau2).toBeNull();
    expect(a.I2).toBeNull();
    expect(a.Q).toBeNull();
    expect(a.pi_low).toBeNull();
    expect(a.notes).toEqual(['single_estimate']);
  });

  it('rejects malformed input with a RangeError', () => {
    expect(() => metaAnalysis({ yi: [1, 2], vi: [1] }, { method: 'DL', test: 'z' })).toThrow(RangeError);
    expect(() => metaAnalysis({ yi: [], vi: [] }, { method: 'DL', test: 'z' })).toThrow(RangeError);
    expect(() => metaAnalysis({ yi: [1, 2], vi: [1, 0] }, { method: 'DL', test: 'z' })).toThrow(RangeError);
    expect(() => metaAnalysis({ yi: [1, NaN], vi: [1, 1] }, { method: 'DL', test: 'z' })).toThrow(RangeError);
    expect(() => metaAnalysis({ yi: [1, 2], vi: [1, 1] }, { method: 'DL', test: 'z', level: 95 })).toThrow(RangeError);
  });

  it('accepts typed arrays', () => {
    const a = metaAnalysis({ yi: Float64Array.from([1, 2]), vi: Float64Array.from([1, 4]) }, { method: 'FE', test: 'z' });
    expect(a.estimate).toBeCloseTo(1.2, 14);
  });
});
