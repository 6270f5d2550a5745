import { describe, expect, it } from 'vitest';
import { buildDesign, withinDesign } from '../../src/estimate/covariate-design.js';
import { olsBootstrapDraws } from '../../src/stats/index.js';
import { modelEffect, type SeChoice } from '../../src/estimate/model-estimate.js';
import type { AnalysisFrame } from '../../src/estimate/analysis-frame.js';
import { expandFixedEffects } from '../../src/stats/regression/index.js';
import { gauss, rng } from '../stats/regression/helpers.js';

/**
 * School fixed effects are absorbed, not expanded: buildDesign returns no dummy column, and
 * modelEffect with `fixedEffects` gives the estimate, SE, df and CI of the same model fitted on the
 * dummy-variable design (to 1e-8), for OLS, weighted OLS, logistic and Poisson (the AME), with
 * clusters = schools, clusters of two schools each, and clusters that cut across schools (CR1; CR2
 * then falls back to the dummy design).
 */
const u = rng(11);
const n = 180;
const S = 9;
const school = Int32Array.from({ length: n }, (_, i) => i % S);
const x1 = Float64Array.from({ length: n }, () => gauss(u));
const t = Float64Array.from({ length: n }, (_, i) => (u() < 0.3 + 0.04 * (i % S) ? 1 : 0));
const eff = Float64Array.from({ length: S }, () => 0.5 * gauss(u));
const lin = Float64Array.from({ length: n }, (_, i) => 0.3 * t[i]! + 0.5 * x1[i]! + eff[school[i]!]!);
const yCont = lin.map((v) => v + gauss(u));
const yBin = lin.map((v) => (u() < 1 / (1 + Math.exp(-v)) ? 1 : 0));
const yCnt = lin.map((v) => {
  // Poisson draw by inversion
  const lam = Math.exp(v);
  let k = 0;
  let p = Math.exp(-lam);
  let c = p;
  const r = u();
  while (r > c && k < 50) {
    k++;
    p *= lam / k;
    c += p;
  }
  return k;
});
const w = Float64Array.from({ length: n }, () => 0.5 + 2 * u());
const frame: AnalysisFrame = {
  n,
  numeric: { visited: t, x1 },
  categorical: { school_id: { codes: school, levels: Array.from({ length: S }, (_, s) => `S${s}`) } },
};
const bySchool = school;
const byPairOfSchools = Int32Array.from(school, (s) => Math.floor(s / 2));
const crossing = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 18));

describe('buildDesign with fixed effects', () => {
  it('returns the group codes, no dummy column, and counts the columns a dummy coding would make', () => {
    const d = buildDesign(frame, { numeric: ['x1'], categorical: [], fixedEffects: 'school_id' }, { treatment: t });
    expect(d.design.names).toEqual(['(Intercept)', 'treatment', 'x1']);
    expect(Array.from(d.fixedEffects!.codes)).toEqual(Array.from(school));
    expect(d.fixedEffects!.names!(3)).toBe('school_id=S3');
    expect(d.info).toEqual([
      { name: 'x1', kind: 'numeric', missing: 0, fill: null, columns: 1 },
      { name: 'school_id', kind: 'fixed_effects', missing: 0, fill: null, columns: S - 1 },
    ]);
  });
});

describe('modelEffect with absorbed fixed effects equals the dummy-variable model', () => {
  const d = buildDesign(frame, { numeric: ['x1'], categorical: [], fixedEffects: 'school_id' }, { treatment: t });
  const dummies = expandFixedEffects(d.design, d.fixedEffects!);
  const cases = [
    ['gaussian', yCont, undefined],
    ['gaussian', yCont, w],
    ['binomial', yBin, undefined],
    ['binomial', yBin, w],
    ['poisson', yCnt, undefined],
  ] as const;
  for (const [family, y, weights] of cases) {
    it(`${family}${weights ? ', weighted' : ''}`, () => {
      const runs: [Int32Array, SeChoice][] = [
        [bySchool, 'CR2'],
        [bySchool, 'CR1'],
        [byPairOfSchools, 'CR2'],
        [byPairOfSchools, 'CR1'],
        [crossing, 'CR1'],
        [crossing, 'CR2'],
        [bySchool, 'HC1'],
      ];
      for (const [cluster, se] of runs) {
        const a = modelEffect(family, d.design, y, t, cluster, se, weights, { fixedEffects: d.fixedEffects });
        const b = modelEffect(family, dummies, y, t, cluster, se, weights);
        for (const k of ['estimate', 'se', 'ci_low', 'ci_high', 'p_value'] as const) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-8 * Math.max(1, Math.abs(b[k])));
        if (b.df === null) expect(a.df).toBeNull();
        else expect(Math.abs(a.df! - b.df)).toBeLessThan(1e-8 * b.df);
        if (b.ratio !== null) expect(Math.abs(a.ratio! - b.ratio)).toBeLessThan(1e-8 * b.ratio);
        expect(a.clusters).toBe(b.clusters);
        // absorbed unless CR2 meets clusters that cut across schools
        expect(a.fit.absorbed !== undefined).toBe(!(se === 'CR2' && cluster === crossing));
      }
    });
  }
});

describe('the school-cluster bootstrap on the within design', () => {
  it('gives the draws of the dummy-variable refits (schools nest their fixed effects)', () => {
    const d = buildDesign(frame, { numeric: ['x1'], categorical: [], fixedEffects: 'school_id' }, { treatment: t });
    const within = withinDesign(d, bySchool);
    expect(within.columns[0]!.every((v) => v === 0)).toBe(true); // the intercept is swept out
    const a = olsBootstrapDraws(within, yCont, bySchool, 'treatment', 30, 7);
    const b = olsBootstrapDraws(expandFixedEffects(d.design, d.fixedEffects!), yCont, bySchool, 'treatment', 30, 7);
    expect(a.length).toBe(30);
    a.forEach((v, r) => expect(Math.abs(v - b[r]!)).toBeLessThan(1e-8));
  });

  it('falls back to the dummy design when the fixed effects cross the bootstrap clusters', () => {
    const d = buildDesign(frame, { numeric: ['x1'], categorical: [], fixedEffects: 'school_id' }, { treatment: t });
    expect(withinDesign(d, crossing).names).toEqual(expandFixedEffects(d.design, d.fixedEffects!).names);
  });
});
