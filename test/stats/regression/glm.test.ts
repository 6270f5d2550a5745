import { describe, expect, it } from 'vitest';
import {
  averageMarginalEffectOnTreated,
  deltaMethodSe,
  fitLinear,
  fitLogistic,
  fitPoisson,
  modelVcov,
} from '../../../src/stats/regression/index.js';
import { design } from './helpers.js';
import { mtcarsColumn } from './mtcars.js';

/** Rows of a 2×2 table: `succT` of `nT` treated and `succC` of `nC` controls have y = 1. */
function table(nT: number, succT: number, nC: number, succC: number) {
  const y: number[] = [];
  const T: number[] = [];
  for (let i = 0; i < nT; i++) {
    y.push(i < succT ? 1 : 0);
    T.push(1);
  }
  for (let i = 0; i < nC; i++) {
    y.push(i < succC ? 1 : 0);
    T.push(0);
  }
  return { y: Float64Array.from(y), X: design({ '(Intercept)': T.map(() => 1), T }), T: Uint8Array.from(T) };
}

describe('fitLogistic', () => {
  it('glm(am ~ hp + wt, family = binomial, data = mtcars) matches R 4.x', () => {
    // R: summary(glm(am ~ hp + wt, data = mtcars, family = binomial))
    //   (Intercept) 18.86630  7.44356  2.535  0.01126
    //   hp           0.03626  0.01773  2.044  0.04091
    //   wt          -8.08348  3.06868 -2.634  0.00843
    //   Residual deviance: 10.059 on 29 degrees of freedom
    const hp = mtcarsColumn('hp');
    const X = design({ '(Intercept)': hp.map(() => 1), hp, wt: mtcarsColumn('wt') });
    const fit = fitLogistic(X, mtcarsColumn('am'));
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    expect(fit.coef[0]).toBeCloseTo(18.8663, 4);
    expect(fit.coef[1]).toBeCloseTo(0.03626, 5);
    expect(fit.coef[2]).toBeCloseTo(-8.08348, 5);
    const V = modelVcov(fit);
    expect(Math.sqrt(V[0]!)).toBeCloseTo(7.44356, 4);
    expect(Math.sqrt(V[4]!)).toBeCloseTo(0.01773, 5);
    expect(Math.sqrt(V[8]!)).toBeCloseTo(3.06868, 4);
    expect(fit.deviance).toBeCloseTo(10.059, 3);
    expect(fit.dfResidual).toBe(29);
  });

  it('single binary regressor: coefficient = log odds ratio of the 2×2 table; AME on treated = p_t − p_c', () => {
    // Closed form: treated 30/50 → p_t = 0.6; control 20/80 → p_c = 0.25.
    //   intercept = logit(0.25) = −ln 3; slope = ln[(0.6/0.4)/(0.25/0.75)] = ln 4.5
    //   Var(β0) = 1/(n_c p_c(1−p_c)), Var(β0 + β1) = 1/(n_t p_t(1−p_t)), independent, so the
    //   delta-method SE of p_t − p_c is the unpooled Wald SE sqrt(p_t(1−p_t)/n_t + p_c(1−p_c)/n_c)
    //   = sqrt(0.24/50 + 0.1875/80) = sqrt(0.00714375).
    const { y, X, T } = table(50, 30, 80, 20);
    const fit = fitLogistic(X, y);
    expect(fit.converged).toBe(true);
    expect(fit.coef[0]).toBeCloseTo(-Math.log(3), 9);
    expect(fit.coef[1]).toBeCloseTo(Math.log(4.5), 9);
    const V = modelVcov(fit);
    expect(V[0]).toBeCloseTo(1 / (80 * 0.25 * 0.75), 8);
    expect(V[0]! + 2 * V[1]! + V[3]!).toBeCloseTo(1 / (50 * 0.6 * 0.4), 8);
    const ame = averageMarginalEffectOnTreated(fit, X, 1, T);
    expect(ame.estimate).toBeCloseTo(0.6 - 0.25, 10);
    // ∂/∂β0 = Λ'(β0+β1) − Λ'(β0) = 0.24 − 0.1875; ∂/∂β1 = Λ'(β0+β1) = 0.24
    expect(ame.gradient[0]).toBeCloseTo(0.24 - 0.1875, 9);
    expect(ame.gradient[1]).toBeCloseTo(0.24, 9);
    expect(deltaMethodSe(ame.gradient, V)).toBeCloseTo(Math.sqrt(0.24 / 50 + 0.1875 / 80), 8);
  });

  it('AME gradient matches a finite-difference gradient (mtcars am ~ vs + wt)', () => {
    const wt = mtcarsColumn('wt');
    const vs = mtcarsColumn('vs');
    const X = design({ '(Intercept)': wt.map(() => 1), vs, wt });
    const fit = fitLogistic(X, mtcarsColumn('am'));
    const treated = Uint8Array.from(vs);
    const ame = averageMarginalEffectOnTreated(fit, X, 1, treated);
    const L = (e: number) => 1 / (1 + Math.exp(-e));
    const ameAt = (b: Float64Array) => {
      let s = 0;
      let m = 0;
      for (let i = 0; i < 32; i++) {
        if (!treated[i]) continue;
        s += L(b[0]! + b[1]! + b[2]! * wt[i]!) - L(b[0]! + b[2]! * wt[i]!);
        m++;
      }
      return s / m;
    };
    expect(ame.estimate).toBeCloseTo(ameAt(fit.coef), 12);
    for (let k = 0; k < 3; k++) {
      const h = 1e-6;
      const up = fit.coef.slice();
      const dn = fit.coef.slice();
      up[k]! += h;
      dn[k]! -= h;
      expect(ame.gradient[k]).toBeCloseTo((ameAt(up) - ameAt(dn)) / (2 * h), 7);
    }
  });

  it('complete separation: no throw, converged false, a separation warning code with its row count', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const X = design({ '(Intercept)': x.map(() => 1), x });
    const fit = fitLogistic(X, Float64Array.of(0, 0, 0, 1, 1, 1));
    expect(fit.converged).toBe(false);
    expect(fit.warnings).toContainEqual({ code: 'separation', rows: 6 });
    expect(fit.separation?.rows).toBe(6);
    expect(fit.separation?.columns).toEqual(['(Intercept)', 'x']); // every coefficient diverges
  });

  it('quasi-separation from a school with no events names the dummy; the other coefficients are those without that school', () => {
    // schools a (reference), b, c; school c has y = 0 throughout.
    const school = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'c', 'c', 'c', 'c'];
    const T = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
    const y = [1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0];
    const X = design({
      '(Intercept)': T.map(() => 1),
      T,
      school_b: school.map((s) => (s === 'b' ? 1 : 0)),
      school_c: school.map((s) => (s === 'c' ? 1 : 0)),
    });
    const fit = fitLogistic(X, Float64Array.from(y));
    expect(fit.converged).toBe(false);
    expect(fit.separation?.columns).toEqual(['school_c']);
    expect(fit.separation?.rows).toBe(4);
    expect(fit.warnings).toContainEqual({ code: 'separation', rows: 4 });
    const keep = school.map((s) => s !== 'c');
    const sub = (a: number[]) => a.filter((_, i) => keep[i]);
    const X2 = design({ '(Intercept)': sub(T).map(() => 1), T: sub(T), school_b: sub(school.map((s) => (s === 'b' ? 1 : 0))) });
    const fit2 = fitLogistic(X2, Float64Array.from(sub(y)));
    expect(fit2.converged).toBe(true);
    expect(fit.coef[1]).toBeCloseTo(fit2.coef[1]!, 6);
  });

  it('quasi-separation through the reference school (intercept + dummies) is detected too', () => {
    // reference school a has y = 0 throughout: η on its rows is the intercept alone, which
    // diverges together with every dummy; no single column is supported only on school a.
    const school = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'c', 'c', 'c', 'c', 'c', 'c'];
    const T = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
    const y = [0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0];
    const X = design({
      '(Intercept)': T.map(() => 1),
      T,
      school_b: school.map((s) => (s === 'b' ? 1 : 0)),
      school_c: school.map((s) => (s === 'c' ? 1 : 0)),
    });
    const fit = fitLogistic(X, Float64Array.from(y));
    expect(fit.converged).toBe(false);
    expect(fit.separation?.rows).toBe(4);
    expect(fit.separation?.columns).toEqual([]);
    expect(fit.warnings).toContainEqual({ code: 'separation', rows: 4 });
    const keep = school.map((s) => s !== 'a');
    const sub = (a: number[]) => a.filter((_, i) => keep[i]);
    const X2 = design({ '(Intercept)': sub(T).map(() => 1), T: sub(T), school_c: sub(school.map((s) => (s === 'c' ? 1 : 0))) });
    const fit2 = fitLogistic(X2, Float64Array.from(sub(y)));
    expect(fit.coef[1]).toBeCloseTo(fit2.coef[1]!, 6);
  });

  it('reports non-convergence when maxIter is too small', () => {
    const hp = mtcarsColumn('hp');
    const X = design({ '(Intercept)': hp.map(() => 1), hp, wt: mtcarsColumn('wt') });
    const fit = fitLogistic(X, mtcarsColumn('am'), { maxIter: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(2);
    expect(fit.warnings).toEqual([{ code: 'not_converged' }]);
  });

  it('rejects a response outside [0, 1] (a caller error, not a data problem)', () => {
    const X = design({ '(Intercept)': [1, 1, 1] });
    expect(() => fitLogistic(X, Float64Array.of(0, 1, 2))).toThrow(RangeError);
  });
});

describe('fitPoisson', () => {
  it('intercept + binary regressor: exp(coef) = group mean and ratio of group means', () => {
    // Closed form (log link, canonical): the score equations make the fitted mean of each group
    // equal its observed mean. Group A: 2, 3, 1, 4 → 2.5; group B: 5, 7, 6 → 6; ratio 2.4.
    const y = Float64Array.of(2, 3, 1, 4, 5, 7, 6);
    const B = [0, 0, 0, 0, 1, 1, 1];
    const X = design({ '(Intercept)': B.map(() => 1), B });
    const fit = fitPoisson(X, y);
    expect(fit.converged).toBe(true);
    expect(Math.exp(fit.coef[0]!)).toBeCloseTo(2.5, 10);
    expect(Math.exp(fit.coef[1]!)).toBeCloseTo(2.4, 10);
    // Model-based variance: Var(log ȳ) = 1/Σy per group → Var(β1) = 1/10 + 1/18.
    const V = modelVcov(fit);
    expect(V[3]).toBeCloseTo(1 / 10 + 1 / 18, 8);
    // Deviance 2 Σ y log(y/ȳ) (Σ(y − ȳ) = 0 within group)
    let dev = 0;
    y.forEach((v, i) => (dev += 2 * v * Math.log(v / (B[i] ? 6 : 2.5))));
    expect(fit.deviance).toBeCloseTo(dev, 9);
  });

  it('a group with only zero counts gives a separation warning (3 rows), not a throw', () => {
    const y = Float64Array.of(0, 0, 0, 2, 3, 1);
    const B = [1, 1, 1, 0, 0, 0];
    const X = design({ '(Intercept)': B.map(() => 1), B });
    const fit = fitPoisson(X, y);
    expect(fit.converged).toBe(false);
    expect(fit.warnings).toEqual([{ code: 'separation', rows: 3 }]);
    expect(fit.separation?.columns).toEqual(['B']);
    expect(Math.exp(fit.coef[0]!)).toBeCloseTo(2, 8);
  });
});

describe('aliased columns', () => {
  const x = [1.5, 2.25, 3, 4.5, 5, 6.75, 7, 8.5];
  const y = Float64Array.of(2.1, 2.9, 4.2, 4.8, 6.1, 6.8, 8.3, 8.9);
  it('drops a collinear column and an all-zero dummy, and lists them (R gives NA)', () => {
    const X = design({
      '(Intercept)': x.map(() => 1),
      x,
      zero_dummy: x.map(() => 0),
      x_times_2: x.map((v) => 2 * v),
    });
    const fit = fitLinear(X, y);
    expect(fit.dropped).toEqual(['zero_dummy', 'x_times_2']);
    expect(fit.names).toEqual(['(Intercept)', 'x']);
    expect(fit.rank).toBe(2);
    expect(Array.from(fit.columnIndex)).toEqual([0, 1]);
    const ref = fitLinear(design({ '(Intercept)': x.map(() => 1), x }), y);
    expect(fit.coef[1]).toBeCloseTo(ref.coef[1]!, 12);
    expect(fit.bread).toHaveLength(4);
  });

  it('intercept + a full set of dummies drops the last dummy, as R', () => {
    const g = [0, 0, 1, 1, 2, 2, 0, 1];
    const X = design({
      '(Intercept)': g.map(() => 1),
      g0: g.map((v) => (v === 0 ? 1 : 0)),
      g1: g.map((v) => (v === 1 ? 1 : 0)),
      g2: g.map((v) => (v === 2 ? 1 : 0)),
    });
    const fit = fitLogistic(X, Float64Array.of(1, 0, 1, 0, 1, 0, 0, 1));
    expect(fit.dropped).toEqual(['g2']);
    expect(fit.p).toBe(3);
    expect(fit.warnings).toEqual([]); // aliasing decided on the first step is R's NA, not a caution
  });

  it('an all-zero design and a fit without positive weights give a code, not a throw', () => {
    const X = design({ z: [0, 0, 0, 0] });
    expect(fitLogistic(X, Float64Array.of(0, 1, 0, 1)).warnings).toEqual([{ code: 'aliased_columns' }]);
    const X1 = design({ '(Intercept)': [1, 1, 1, 1] });
    const none = fitLinear(X1, Float64Array.of(1, 2, 3, 4), { weights: new Float64Array(4) });
    expect(none.warnings).toEqual([{ code: 'not_converged' }]);
    expect(none.converged).toBe(false);
  });
});
