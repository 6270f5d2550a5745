import { afterEach, describe, expect, it } from 'vitest';
import { readCr2Fixture, readCr2Reference } from './cr2-fixture.js';
import {
  type Design,
  type GlmFit,
  averageMarginalEffectOnTreated,
  clusterVcov,
  deltaMethodSe,
  fitLinear,
  fitLogistic,
  fitPoisson,
  poissonAmeOnTreated,
  satterthwaiteDf,
} from '../../../src/stats/regression/index.js';
import { cr2GlmTuning } from '../../../src/stats/regression/cr2.js';

/**
 * clubSandwich reference values, computed once in R by r-reference/clubsandwich-cr2.R on
 * fixtures/cr2-fixture.csv (96 rows, 8 schools of 6–18) and stored in fixtures/cr2-reference.json:
 * R 4.2.2, clubSandwich 0.5.8, sandwich 3.0.2;
 *   vcovCR(fit, cluster = d$school, type = "CR2")                          → vcov_treatment_row
 *   coef_test(fit, vcov = "CR2", cluster = d$school, test = "Satterthwaite") → se/df_treatment
 *   linear_contrast(fit, vcov = "CR2", cluster = d$school,
 *                   contrasts = matrix(g, nrow = 1), test = "Satterthwaite")  → contrast_se/df
 * with g the gradient of the average marginal effect on the treated (logit, Poisson) or
 * (0, 1, 0.5, −0.25, 0…) (lm). GLMs fitted with glm.control(epsilon = 1e-14).
 */

const reference = readCr2Reference();

const d = readCr2Fixture();
const n = d.school!.length;
const cluster = Int32Array.from(d.school!);
const treated = Float64Array.from(d.treatment!);

/** (Intercept), treatment, x1, x2 and, with fe, school dummies 2..8 (R's factor coding). */
function designOf(fe: boolean): Design {
  const names = ['(Intercept)', 'treatment', 'x1', 'x2'];
  const columns = [new Float64Array(n).fill(1), Float64Array.from(d.treatment!), Float64Array.from(d.x1!), Float64Array.from(d.x2!)];
  if (fe) {
    for (let s = 2; s <= 8; s++) {
      names.push(`school_f${s}`);
      columns.push(Float64Array.from(d.school!, (v) => (v === s ? 1 : 0)));
    }
  }
  return { n, names, columns };
}

function fitModel(name: string): { fit: GlmFit; X: Design } {
  const X = designOf(name.endsWith('_fe'));
  const w = Float64Array.from(d.w!);
  if (name.startsWith('logit')) return { X, fit: fitLogistic(X, Float64Array.from(d.y_bin!), name === 'logit_weighted' ? { weights: w } : {}) };
  if (name.startsWith('poisson')) return { X, fit: fitPoisson(X, Float64Array.from(d.y_cnt!)) };
  return { X, fit: fitLinear(X, Float64Array.from(d.y_cont!), name === 'ols' ? {} : { weights: w }) };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function check(name: string): void {
  const ref = reference[name]!;
  const { fit, X } = fitModel(name);
  expect(fit.names).toEqual(ref.names.map((nm) => nm.replace(/^school_f/, 'school_f')));
  fit.coef.forEach((b, j) => expect(rel(b, ref.coef[j]!)).toBeLessThan(1e-8));
  const t = fit.names.indexOf('treatment');
  const p = fit.p;
  const { vcov } = clusterVcov(fit, X, cluster, 'CR2');
  const scale = Math.max(...ref.vcov_treatment_row.map(Math.abs));
  ref.vcov_treatment_row.forEach((v, j) => expect(Math.abs(vcov[t * p + j]! - v) / scale).toBeLessThan(1e-6));
  expect(rel(Math.sqrt(vcov[t * p + t]!), ref.se_treatment)).toBeLessThan(1e-6);
  const c = new Float64Array(p);
  c[t] = 1;
  expect(rel(satterthwaiteDf(fit, X, cluster, c), ref.df_treatment)).toBeLessThan(1e-6);
  // The contrast: for GLMs our own AME gradient, which must equal R's.
  let g: Float64Array = Float64Array.from(ref.contrast);
  if (fit.family !== 'gaussian') {
    const ame = fit.family === 'binomial' ? averageMarginalEffectOnTreated(fit, X, 1, treated) : poissonAmeOnTreated(fit, X, t, treated);
    ame.gradient.forEach((v, j) => expect(Math.abs(v - ref.contrast[j]!)).toBeLessThan(1e-8));
    g = ame.gradient;
  }
  expect(rel(deltaMethodSe(g, vcov), ref.contrast_se)).toBeLessThan(1e-6);
  expect(rel(satterthwaiteDf(fit, X, cluster, g), ref.contrast_df)).toBeLessThan(1e-6);
}

const models = ['logit', 'poisson', 'wls', 'logit_fe', 'poisson_fe', 'wls_fe', 'logit_weighted', 'ols'];
const savedRows = cr2GlmTuning.denseRows;
afterEach(() => {
  cr2GlmTuning.denseRows = savedRows;
});

describe('CR2 and Satterthwaite df match clubSandwich (vcovCR, coef_test, linear_contrast) to 1e-6', () => {
  for (const name of models) it(`${name}`, () => check(name));

  it('GLMs: the same with every cluster on the rational-quadrature path (no dense n_g×n_g eigendecomposition)', () => {
    cr2GlmTuning.denseRows = 0;
    for (const name of ['logit', 'poisson', 'logit_fe', 'poisson_fe', 'logit_weighted']) check(name);
  });

  it('GLMs: the same with every cluster on the dense path', () => {
    cr2GlmTuning.denseRows = 1e9;
    for (const name of ['logit', 'poisson', 'logit_fe', 'poisson_fe', 'logit_weighted']) check(name);
  });
});
