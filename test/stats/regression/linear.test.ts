import { describe, expect, it } from 'vitest';
import { clusterVcov, coefTest, fitLinear, modelVcov } from '../../../src/stats/regression/index.js';
import { design } from './helpers.js';
import { mtcars, mtcarsColumn } from './mtcars.js';

describe('fitLinear: intercept + 0/1 regressor', () => {
  // Hand computation.
  // treated (D = 1) = 12, 15, 11, 18, 14: mean 14, residuals −2, 1, −3, 4, 0, Σe² = 30, n_t = 5
  // control (D = 0) = 10, 9, 12, 8, 11, 10: mean 10, residuals 0, −1, 2, −2, 1, 0, Σe² = 10, n_c = 6
  // OLS: intercept = ȳ_c = 10, slope = ȳ_t − ȳ_c = 4.
  // The slope is Σ c_i y_i with c_i = D_i/n_t − (1 − D_i)/n_c, so the HC0 variance Σ c_i² e_i² is
  //   Σ_t e²/n_t² + Σ_c e²/n_c² = 30/25 + 10/36,
  // and HC1 multiplies by n/(n − k) = 11/9 (sandwich::vcovHC type "HC1"):
  //   Var_HC1(slope) = 11/9 · (30/25 + 10/36) = 1.806172839…, SE = 1.343939…
  //   Var_HC1(intercept) = 11/9 · 10/36 (the intercept is the control mean).
  const y = Float64Array.of(12, 15, 11, 18, 14, 10, 9, 12, 8, 11, 10);
  const D = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
  const X = design({ '(Intercept)': D.map(() => 1), D });

  it('gives the difference in group means', () => {
    const fit = fitLinear(X, y);
    expect(fit.coef[0]).toBeCloseTo(10, 12);
    expect(fit.coef[1]).toBeCloseTo(4, 12);
    expect(fit.names).toEqual(['(Intercept)', 'D']);
    expect(fit.dropped).toEqual([]);
    expect(fit.n).toBe(11);
    expect(fit.p).toBe(2);
    expect(fit.deviance).toBeCloseTo(40, 12);
  });

  it('has the textbook HC1 standard errors', () => {
    const fit = fitLinear(X, y);
    const { vcov, clusters } = clusterVcov(fit, X, new Int32Array(11), 'HC1');
    expect(clusters).toBe(11);
    expect(vcov[3]).toBeCloseTo((11 / 9) * (30 / 25 + 10 / 36), 12);
    expect(Math.sqrt(vcov[3]!)).toBeCloseTo(1.343939, 6);
    expect(vcov[0]).toBeCloseTo((11 / 9) * (10 / 36), 12);
    // Off-diagonal: Cov(ȳ_c, ȳ_t − ȳ_c) = −Var(ȳ_c) under HC.
    expect(vcov[1]).toBeCloseTo(-(11 / 9) * (10 / 36), 12);
  });

  it('treats a weight of 2 like a duplicated row (coefficients)', () => {
    const w = new Float64Array(11).fill(1);
    w[0] = 2;
    w[7] = 2;
    const yDup = Float64Array.of(...y, 12, 12);
    const Ddup = [...D, 1, 0];
    const fw = fitLinear(X, y, { weights: w });
    const fd = fitLinear(design({ '(Intercept)': Ddup.map(() => 1), D: Ddup }), yDup);
    expect(fw.coef[0]).toBeCloseTo(fd.coef[0]!, 12);
    expect(fw.coef[1]).toBeCloseTo(fd.coef[1]!, 12);
    // by hand: treated (12,12,15,11,18,14) mean 82/6; control (10,9,12,12,8,11,10) mean 72/7
    expect(fw.coef[1]).toBeCloseTo(82 / 6 - 72 / 7, 12);
  });

  it('ignores rows with weight 0 (n, df) as if they were removed', () => {
    const w = new Float64Array(11).fill(1);
    w[3] = 0; // drop the 18
    const fw = fitLinear(X, y, { weights: w });
    expect(fw.n).toBe(10);
    expect(fw.dfResidual).toBe(8);
    expect(fw.coef[1]).toBeCloseTo(13 - 10, 12); // treated 12, 15, 11, 14 → 13
  });
});

describe('fitLinear on mtcars (R 4.x output)', () => {
  it('has the fixture right', () => {
    expect(mtcars).toHaveLength(32);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expect(sum(mtcarsColumn('mpg'))).toBeCloseTo(642.9, 9);
    expect(sum(mtcarsColumn('wt'))).toBeCloseTo(102.952, 9);
    expect(sum(mtcarsColumn('hp'))).toBe(4694);
    expect(sum(mtcarsColumn('am'))).toBe(13);
  });

  it('lm(mpg ~ wt, data = mtcars): 37.2851 (1.8776), −5.3445 (0.5591), σ = 3.046 on 30 df', () => {
    // R: summary(lm(mpg ~ wt, data = mtcars))
    //   (Intercept)  37.2851  1.8776  19.858  < 2e-16
    //   wt           -5.3445  0.5591  -9.559  1.29e-10
    //   Residual standard error: 3.046 on 30 degrees of freedom; Multiple R-squared: 0.7528
    const wt = mtcarsColumn('wt');
    const X = design({ '(Intercept)': wt.map(() => 1), wt });
    const fit = fitLinear(X, mtcarsColumn('mpg'));
    expect(fit.coef[0]).toBeCloseTo(37.2851, 4);
    expect(fit.coef[1]).toBeCloseTo(-5.3445, 4);
    expect(fit.dfResidual).toBe(30);
    expect(Math.sqrt(fit.deviance / fit.dfResidual)).toBeCloseTo(3.046, 3);
    const V = modelVcov(fit);
    expect(Math.sqrt(V[0]!)).toBeCloseTo(1.8776, 4);
    expect(Math.sqrt(V[3]!)).toBeCloseTo(0.5591, 4);
    const t = coefTest(fit, V, 1, fit.dfResidual);
    expect(t.statistic).toBeCloseTo(-9.559, 3);
    expect(t.p_value).toBeGreaterThan(1.285e-10);
    expect(t.p_value).toBeLessThan(1.295e-10);
    // R² = 1 − RSS/TSS
    const mpg = mtcarsColumn('mpg');
    const mean = mpg.reduce((s, v) => s + v, 0) / 32;
    const tss = mpg.reduce((s, v) => s + (v - mean) ** 2, 0);
    expect(1 - fit.deviance / tss).toBeCloseTo(0.7528, 4);
  });

  it('lm(mpg ~ am, data = mtcars): 17.147 (1.125), 7.245 (1.764) = difference in group means', () => {
    // R: summary(lm(mpg ~ am, data = mtcars)): (Intercept) 17.147 1.125 15.247; am 7.245 1.764 4.106 0.000285
    const am = mtcarsColumn('am');
    const X = design({ '(Intercept)': am.map(() => 1), am });
    const fit = fitLinear(X, mtcarsColumn('mpg'));
    const manual = mtcars.filter((r) => r.am === 1).reduce((s, r) => s + r.mpg, 0) / 13;
    const auto = mtcars.filter((r) => r.am === 0).reduce((s, r) => s + r.mpg, 0) / 19;
    expect(fit.coef[0]).toBeCloseTo(auto, 12);
    expect(fit.coef[1]).toBeCloseTo(manual - auto, 12);
    expect(fit.coef[1]).toBeCloseTo(7.245, 3);
    const V = modelVcov(fit);
    expect(Math.sqrt(V[0]!)).toBeCloseTo(1.125, 3);
    expect(Math.sqrt(V[3]!)).toBeCloseTo(1.764, 3);
    expect(coefTest(fit, V, 1, 30).p_value).toBeCloseTo(0.000285, 6);
  });
});
