import { describe, expect, it } from 'vitest';
import { metaRegression, robustMeta } from '../../../src/stats/index.js';
import { clusterCodes } from '../../../src/stats/meta/robust-meta.js';
import { type RRobust, designOf, ref } from './meta-reference.js';

const bcg = ref.metareg_bcg;
const rb = ref.robust_bcg;

function expectMatchesR(got: ReturnType<typeof robustMeta>, r: RRobust): void {
  expect(got.coefficients).toHaveLength(r.estimate.length);
  expect(got.tau2).toBeCloseTo(r.tau2, 8);
  got.coefficients.forEach((c, a) => {
    expect(c.estimate).toBeCloseTo(r.estimate[a]!, 8);
    expect(c.se).toBeCloseTo(r.se[a]!, 8);
    expect(c.df).toBeCloseTo(r.df[a]!, 7);
    expect(c.statistic).toBeCloseTo(r.statistic[a]!, 7);
    expect(c.ci_low).toBeCloseTo(r.ci_low[a]!, 7);
    expect(c.ci_high).toBeCloseTo(r.ci_high[a]!, 7);
    expect(Math.abs(c.p_value - r.p_value[a]!) / r.p_value[a]!).toBeLessThan(1e-6);
  });
}

describe('robustMeta (CR2, Satterthwaite) against clubSandwich 0.5.8 coef_test on rma.uni fits', () => {
  // The 13 BCG trials in 7 made-up clusters: ceiling(trial / 2), stated in r-reference/meta-reference.R.
  it('uses the script clustering', () => {
    expect(rb.cluster).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7]);
  });

  it('REML, intercept only', () => {
    const got = robustMeta({ yi: bcg.yi, vi: bcg.vi, cluster: rb.cluster });
    expect(got.clusters).toBe(7);
    expect(got.method).toBe('REML');
    expectMatchesR(got, rb.REML_intercept);
  });

  it('REML, ~ ablat', () => {
    const got = robustMeta({ yi: bcg.yi, vi: bcg.vi, cluster: rb.cluster, X: designOf({ ablat: bcg.ablat }) });
    expectMatchesR(got, rb.REML_ablat);
  });

  it('FE weights, intercept only', () => {
    expectMatchesR(robustMeta({ yi: bcg.yi, vi: bcg.vi, cluster: rb.cluster }, { method: 'FE' }), rb.FE_intercept);
  });

  it('DL, ~ ablat, with string cluster labels', () => {
    const labels = rb.cluster.map((g) => `site-${g}`);
    const got = robustMeta({ yi: bcg.yi, vi: bcg.vi, cluster: labels, X: designOf({ ablat: bcg.ablat }) }, { method: 'DL' });
    expectMatchesR(got, rb.DL_ablat);
  });

  it('keeps the point estimates of the model-based meta-regression', () => {
    const X = designOf({ ablat: bcg.ablat });
    const model = metaRegression({ yi: bcg.yi, vi: bcg.vi, X }, { method: 'REML', test: 'z' });
    const robust = robustMeta({ yi: bcg.yi, vi: bcg.vi, cluster: rb.cluster, X });
    robust.coefficients.forEach((c, a) => expect(c.estimate).toBeCloseTo(model.coefficients[a]!.estimate, 12));
    expect(robust.tau2).toBeCloseTo(model.tau2, 12);
  });

  it('one cluster: the robust variance is undefined (NaN), not an error', () => {
    const got = robustMeta({ yi: [0.1, 0.2, 0.4], vi: [0.01, 0.02, 0.01], cluster: ['a', 'a', 'a'] });
    expect(got.clusters).toBe(1);
    expect(got.coefficients[0]!.se).toBeNaN();
  });
});

describe('clusterCodes', () => {
  it('numbers labels in order of first appearance', () => {
    expect(Array.from(clusterCodes(['b', 'a', 'b', 'c'], 4))).toEqual([0, 1, 0, 2]);
  });
  it('rejects a length mismatch', () => {
    expect(() => clusterCodes(['a'], 2)).toThrow(RangeError);
  });
});
