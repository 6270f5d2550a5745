import { describe, expect, it } from 'vitest';
import { metaAnalysis, metaRegression } from '../../../src/stats/index.js';
import { type RRegression, designOf, ref } from './meta-reference.js';

const bcg = ref.metareg_bcg;

/** |a − b| ≤ 1e-8 · max(1, |b|): coefficients on a year scale reach −60. */
function expectNear(a: number, b: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(b)));
}

/** Every number of rma(yi, vi, mods, method, test) to 1e-8 (p-values relative 1e-6). */
function expectMatchesR(got: ReturnType<typeof metaRegression>, r: RRegression): void {
  got.coefficients.forEach((c, a) => {
    expectNear(c.estimate, r.estimate[a]!);
    expectNear(c.se, r.se[a]!);
    expectNear(c.statistic, r.statistic[a]!);
    expectNear(c.ci_low, r.ci_low[a]!);
    expectNear(c.ci_high, r.ci_high[a]!);
    expect(Math.abs(c.p_value - r.p_value[a]!) / r.p_value[a]!).toBeLessThan(1e-6);
    expect(c.df).toBe(r.df);
  });
  expect(got.coefficients).toHaveLength(r.estimate.length);
  expect(got.tau2).toBeCloseTo(r.tau2, 8);
  expect(got.I2).toBeCloseTo(r.I2, 8);
  expect(got.H2).toBeCloseTo(r.H2, 7);
  expect(got.R2).toBeCloseTo(r.R2, 7);
  expect(got.QE).toBeCloseTo(r.QE, 8);
  expect(got.QE_df).toBe(r.QE_df);
  expect(Math.abs(got.QE_p - r.QE_p) / r.QE_p).toBeLessThan(1e-6);
  expect(got.QM).toBeCloseTo(r.QM, 7);
  expect(got.QM_df1).toBe(r.QM_df1);
  expect(got.QM_df2).toBe(r.QM_df2);
  expect(Math.abs(got.QM_p! - r.QM_p) / r.QM_p).toBeLessThan(1e-6);
}

describe('metaRegression on dat.bcg (log risk ratio ~ ablat) against metafor 3.8', () => {
  const X = designOf({ ablat: bcg.ablat });
  it.each([
    ['REML', 'knha'],
    ['REML', 'z'],
    ['DL', 'knha'],
    ['DL', 'z'],
  ] as const)('%s with test %s', (method, test) => {
    const got = metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method, test });
    expect(got.coefficients.map((c) => c.name)).toEqual(['intrcpt', 'ablat']);
    expectMatchesR(got, bcg[`${method}_${test}`]!);
  });

  it('REML + knha: the published anchors (Viechtbauer 2010: slope −0.0291, τ²_res 0.0763, R² 75.6%)', () => {
    const got = metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method: 'REML', test: 'knha' });
    expect(got.coefficients[1]!.estimate).toBeCloseTo(-0.0291, 4);
    expect(got.tau2).toBeCloseTo(0.0763, 4);
    expect(got.R2).toBeCloseTo(0.756, 3);
  });

  it('R² is (τ²_0 − τ²_res)/τ²_0 with τ²_0 of metaAnalysis', () => {
    const got = metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method: 'REML', test: 'z' });
    const tau20 = metaAnalysis({ yi: bcg.yi, vi: bcg.vi }, { method: 'REML', test: 'z' }).tau2!;
    expect(got.R2).toBeCloseTo((tau20 - got.tau2) / tau20, 12);
  });

  it('with one moderator the knha QM is the squared t of the slope', () => {
    const got = metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method: 'REML', test: 'knha' });
    expect(got.QM).toBeCloseTo(got.coefficients[1]!.statistic ** 2, 10);
    expect(got.QM_p).toBeCloseTo(got.coefficients[1]!.p_value, 10);
  });
});

describe('metaRegression with two moderators (ablat + year)', () => {
  const X = designOf({ ablat: bcg.ablat, year: bcg.year });
  it('knha: QM is F(2, 10) as metafor', () => {
    const got = metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method: 'REML', test: 'knha' });
    expectMatchesR(got, bcg.REML_knha_ablat_year);
  });
  it('z: QM is χ²(2) as metafor', () => {
    const got = metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method: 'REML', test: 'z' });
    expectMatchesR(got, bcg.REML_z_ablat_year);
  });
});

describe('metaRegression designs', () => {
  it('drops an aliased column and names it, with the same fit as without it', () => {
    const twice = designOf({ ablat: bcg.ablat, ablat2: bcg.ablat.map((x) => 2 * x) });
    const got = metaRegression({ yi: bcg.yi, vi: bcg.vi, X: twice }, { method: 'REML', test: 'knha' });
    expect(got.dropped).toEqual(['ablat2']);
    expectMatchesR(got, bcg.REML_knha);
  });

  it('names replace the design names', () => {
    const got = metaRegression(
      { yi: bcg.yi, vi: bcg.vi, X: designOf({ ablat: bcg.ablat }), names: ['(Intercept)', 'latitude'] },
      { method: 'DL', test: 'z' },
    );
    expect(got.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'latitude']);
  });

  it('intercept only: no QM, R² 0, the coefficient equals metaAnalysis', () => {
    const X = { n: 13, names: ['intrcpt'], columns: [new Float64Array(13).fill(1)] };
    const got = metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method: 'REML', test: 'knha' });
    const pooled = metaAnalysis({ yi: bcg.yi, vi: bcg.vi }, { method: 'REML', test: 'knha' });
    expect(got.QM).toBeNull();
    expect(got.R2).toBe(0);
    expect(got.coefficients[0]!.estimate).toBeCloseTo(pooled.estimate, 12);
    expect(got.coefficients[0]!.se).toBeCloseTo(pooled.se, 12);
  });

  it('rejects a design whose rows do not match the estimates', () => {
    const X = designOf({ ablat: bcg.ablat.slice(0, 12) });
    expect(() => metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method: 'REML', test: 'z' })).toThrow(RangeError);
  });
});
