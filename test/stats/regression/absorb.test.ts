import { describe, expect, it } from 'vitest';
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
import { demean, expandFixedEffects, makeAbsorber, nestedIn } from '../../../src/stats/regression/absorb.js';
import { absorbedDeltaSe } from '../../../src/stats/regression/absorbed-delta.js';

/**
 * Absorbed school fixed effects (within transformation; demeaned IRLS for GLMs) against the
 * dummy-variable fit of the same model on fixtures/cr2-fixture.csv (96 rows, 8 schools of 6–18):
 * coefficients, CR1, CR2, HC1, the Satterthwaite df and the AME's delta-method SE and df agree to
 * 1e-8. The `_fe` models are also checked against clubSandwich 0.5.8 (fixtures/cr2-reference.json,
 * computed by r-reference/clubsandwich-cr2.R with factor(school) dummies), and the unweighted OLS
 * against the R call written beside its numbers below.
 */
const reference = readCr2Reference();

const d = readCr2Fixture();
const n = d.school!.length;
const school = Int32Array.from(d.school!);
const treated = Float64Array.from(d.treatment!);
const fe = { codes: school, names: (c: number) => `school_f${c}` };
/** A cluster that is not the fixed effect: pairs of consecutive rows (schools split across pairs). */
const pairs = Int32Array.from({ length: n }, (_, i) => Math.floor((i + 1) / 2));

const base: Design = {
  n,
  names: ['(Intercept)', 'treatment', 'x1', 'x2'],
  columns: [new Float64Array(n).fill(1), Float64Array.from(d.treatment!), Float64Array.from(d.x1!), Float64Array.from(d.x2!)],
};
const dummies = expandFixedEffects(base, fe);

type Model = 'ols' | 'wls' | 'logit' | 'logit_weighted' | 'poisson' | 'poisson_weighted';
function fit(model: Model, X: Design, absorb: boolean): GlmFit {
  const w = Float64Array.from(d.w!);
  const opts = { ...(model.endsWith('weighted') || model === 'wls' ? { weights: w } : {}), ...(absorb ? { absorb: fe } : {}) };
  if (model.startsWith('logit')) return fitLogistic(X, Float64Array.from(d.y_bin!), { ...opts, tol: 1e-14 });
  if (model.startsWith('poisson')) return fitPoisson(X, Float64Array.from(d.y_cnt!), { ...opts, tol: 1e-14 });
  return fitLinear(X, Float64Array.from(d.y_cont!), opts);
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const close = (a: number, b: number) => expect(rel(a, b)).toBeLessThan(1e-8);

/** The treatment's SE, df and (GLMs) the AME with its SE and df, for one fit and cluster. */
function summary(f: GlmFit, X: Design, cluster: Int32Array, type: 'CR1' | 'CR2' | 'HC1') {
  const t = f.names.indexOf('treatment');
  const { vcov } = clusterVcov(f, X, cluster, type);
  const c = new Float64Array(f.p);
  c[t] = 1;
  const out = { coef: f.coef[t]!, se: Math.sqrt(vcov[t * f.p + t]!), df: type === 'CR2' ? satterthwaiteDf(f, X, cluster, c) : NaN, ame: NaN, ameSe: NaN, ameDf: NaN };
  if (f.family === 'gaussian') return out;
  const ame = f.family === 'binomial' ? averageMarginalEffectOnTreated(f, X, 1, treated) : poissonAmeOnTreated(f, X, t, treated);
  out.ame = ame.estimate;
  out.ameSe = f.absorbed ? absorbedDeltaSe(f, X, cluster, type, ame.gradient, ame.groupGradient!) : deltaMethodSe(ame.gradient, vcov);
  if (type === 'CR2') out.ameDf = f.absorbed ? satterthwaiteDf(f, X, cluster, ame.gradient, ame.groupGradient) : satterthwaiteDf(f, X, cluster, ame.gradient);
  return out;
}

const models: Model[] = ['ols', 'wls', 'logit', 'logit_weighted', 'poisson', 'poisson_weighted'];

describe('absorbed fixed effects equal the dummy-variable fit', () => {
  for (const model of models) {
    it(`${model}: coefficients, fitted values, CR1, CR2, Satterthwaite df, HC1 and the AME`, () => {
      const a = fit(model, base, true);
      const b = fit(model, dummies, false);
      expect(a.names).toEqual(['treatment', 'x1', 'x2']);
      expect(a.absorbed!.count).toBe(8);
      expect(a.absorbed!.absorbedColumns).toEqual(['(Intercept)']);
      expect(a.dropped).toEqual([]);
      expect(a.dfResidual).toBe(b.dfResidual);
      for (const nm of a.names) close(a.coef[a.names.indexOf(nm)]!, b.coef[b.names.indexOf(nm)]!);
      for (let i = 0; i < n; i++) expect(Math.abs(a.linearPredictor[i]! - b.linearPredictor[i]!)).toBeLessThan(1e-8);
      for (const [cluster, types] of [
        [school, ['CR1', 'CR2', 'HC1']],
        [pairs, ['CR1', 'HC1']],
      ] as const) {
        for (const type of types) {
          const sa = summary(a, base, cluster, type);
          const sb = summary(b, dummies, cluster, type);
          close(sa.se, sb.se);
          if (type === 'CR2') close(sa.df, sb.df);
          if (a.family !== 'gaussian') {
            close(sa.ame, sb.ame);
            close(sa.ameSe, sb.ameSe);
            if (type === 'CR2') close(sa.ameDf, sb.ameDf);
          }
        }
      }
    });
  }

  it('matches clubSandwich for the fixed-effects models of cr2-reference.json (to 1e-6, as the dummy fit does)', () => {
    const pairsOf: [string, Model][] = [
      ['logit_fe', 'logit'],
      ['poisson_fe', 'poisson'],
      ['wls_fe', 'wls'],
    ];
    for (const [name, model] of pairsOf) {
      const ref = reference[name]!;
      const a = fit(model, base, true);
      const s = summary(a, base, school, 'CR2');
      expect(rel(s.coef, ref.coef[ref.names.indexOf('treatment')]!)).toBeLessThan(1e-8);
      expect(rel(s.se, ref.se_treatment)).toBeLessThan(1e-6);
      expect(rel(s.df, ref.df_treatment)).toBeLessThan(1e-6);
      if (model !== 'wls') {
        expect(rel(s.ameSe, ref.contrast_se)).toBeLessThan(1e-6);
        expect(rel(s.ameDf, ref.contrast_df)).toBeLessThan(1e-6);
      }
    }
  });

  it('unweighted OLS matches lm with factor(school) dummies in R (clubSandwich CR2, sandwich CR1)', () => {
    // R 4.2.2, clubSandwich 0.5.8, sandwich 3.0.2, on fixtures/cr2-fixture.csv:
    //   fit <- lm(y_cont ~ treatment + x1 + x2 + factor(school), data = d)
    //   coef_test(fit, vcov = "CR2", cluster = d$school, test = "Satterthwaite")   → SE, df_Satt of treatment
    //   sqrt(vcovCL(fit, cluster = ~school, type = "HC1")["treatment", "treatment"])  → CR1 SE
    const a = fit('ols', base, true);
    const cr2 = summary(a, base, school, 'CR2');
    const cr1 = summary(a, base, school, 'CR1');
    expect(rel(cr2.coef, 0.52022277402203798)).toBeLessThan(1e-10);
    expect(rel(cr2.se, 0.19239476748874917)).toBeLessThan(1e-8);
    expect(rel(cr2.df, 5.9170172360131534)).toBeLessThan(1e-8);
    expect(rel(cr1.se, 0.18890481446447857)).toBeLessThan(1e-8);
  });

  it('CR2 refuses fixed effects that are not nested in the clusters', () => {
    const a = fit('ols', base, true);
    expect(() => clusterVcov(a, base, pairs, 'CR2')).toThrow(/within one cluster/);
  });
});

describe('separation with absorbed fixed effects', () => {
  // school 5 (not the dummy fit's reference) and school 1 (its reference) with no event: their effect runs off to −∞
  for (const empty of [5, 1]) {
    it(`an event-free school ${empty}: the same separated rows and treatment coefficient as the dummy fit`, () => {
      const y = Float64Array.from(d.y_bin!, (v, i) => (school[i] === empty ? 0 : v));
      const a = fitLogistic(base, y, { absorb: fe });
      const b = fitLogistic(dummies, y);
      expect(a.converged).toBe(false);
      expect(b.converged).toBe(false);
      const rows = school.filter((s) => s === empty).length;
      expect(a.separation?.rows).toBe(rows);
      expect(b.separation?.rows).toBe(rows);
      expect(a.separation?.columns).toEqual([`school_f${empty}`]);
      expect(a.warnings.map((w) => w.code)).toEqual(b.warnings.map((w) => w.code));
      // the other coefficients are those of the model without the separated rows, to IRLS precision
      const ta = a.coef[a.names.indexOf('treatment')]!;
      const tb = b.coef[b.names.indexOf('treatment')]!;
      expect(Math.abs(ta - tb)).toBeLessThan(1e-6);
    });
  }
});

describe('the within transformation by hand', () => {
  it('demeans with weighted group means', () => {
    // groups 7, 7, 9, 9, 9 with weights 1, 3, 1, 1, 2: means (1·2 + 3·6)/4 = 5 and (1 + 2 + 2·5)/4 = 3.25
    const a = makeAbsorber({ codes: Int32Array.from([7, 7, 9, 9, 9]) }, Float64Array.from([1, 3, 1, 1, 2]));
    expect(a.count).toBe(2);
    expect(Array.from(demean(Float64Array.from([2, 6, 1, 2, 5]), a, Float64Array.from([1, 3, 1, 1, 2])))).toEqual([-3, 1, -2.25, -1.25, 1.75]);
  });

  it('a group with only rows of weight 0 is not counted, and nesting is checked on the weighted rows', () => {
    const a = makeAbsorber({ codes: Int32Array.from([1, 1, 2, 3]) }, Float64Array.from([1, 1, 0, 1]));
    expect(a.count).toBe(2);
    expect(Array.from(a.ofAll)).toEqual([0, 0, -1, 1]);
    expect(nestedIn(a.of, Int32Array.from([5, 5, 6, 6]))).toBe(true);
    expect(nestedIn(a.of, Int32Array.from([5, 6, 6, 6]))).toBe(false);
  });

  it('OLS with one dummy-coded covariate: the within slope is Σ(x − x̄_g)(y − ȳ_g) / Σ(x − x̄_g)²', () => {
    // groups {0,1,2} and {3,4}: x = 1,2,3 | 1,3; y = 2,3,7 | 0,4 → x̃ = −1,0,1 | −1,1, ỹ = −2,−1,3 | −2,2
    // slope = (2 + 0 + 3 + 2 + 2) / (1 + 0 + 1 + 1 + 1) = 9/4; residual df = 5 − 1 − 2 = 2
    const X: Design = { n: 5, names: ['(Intercept)', 'x'], columns: [new Float64Array(5).fill(1), Float64Array.from([1, 2, 3, 1, 3])] };
    const f = fitLinear(X, Float64Array.from([2, 3, 7, 0, 4]), { absorb: { codes: Int32Array.from([0, 0, 0, 1, 1]) } });
    expect(f.coef[0]).toBeCloseTo(2.25, 12);
    expect(f.dfResidual).toBe(2);
    // fitted = ȳ_g + slope·x̃: 4 − 2.25, 4, 4 + 2.25, 2 − 2.25, 2 + 2.25
    [1.75, 4, 6.25, -0.25, 4.25].forEach((v, i) => expect(f.fitted[i]).toBeCloseTo(v, 12));
  });
});
