import { describe, expect, it, vi } from 'vitest';
import type { AnalysisFrame } from '../../src/estimate/analysis-frame.js';
import type { OutcomeDef } from '../../src/estimate/outcomes.js';
import type { CovariateSpec } from '../../src/estimate/covariate-design.js';
import type { EstimateAllOptions } from '../../src/estimate/estimate-all.js';

// count the propensity fits: the spy wraps the real model
const propensityFits = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/estimate/propensity.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/estimate/propensity.js')>();
  return { ...real, fitPropensity: (...a: Parameters<typeof real.fitPropensity>) => (propensityFits.n++, real.fitPropensity(...a)) };
});
const { estimateFrame } = await import('../../src/estimate/estimate-all.js');

// 240 students in 6 schools (i mod 6); visited when 5i mod 13 < 4 (not aligned with school); prior = a deterministic wobble, missing for the last 4;
// y = prior + 0.1·visited + a wobble, missing for rows 0 and 1 (so the first outcome's sample is not the frame)
const N = 240;
const wobble = (i: number, k: number) => Math.sin(i * k) * 0.5;
const prior = Float64Array.from({ length: N }, (_, i) => (i >= N - 4 ? NaN : wobble(i, 1.3)));
const visited = Float64Array.from({ length: N }, (_, i) => ((i * 5) % 13 < 4 ? 1 : 0));
const frame: AnalysisFrame = {
  n: N,
  numeric: {
    visited,
    prior,
    y: Float64Array.from({ length: N }, (_, i) => (i < 2 ? NaN : (Number.isNaN(prior[i]!) ? 0 : prior[i]!) + 0.1 * visited[i]! + wobble(i, 2.7))),
  },
  categorical: { school_id: { codes: Int32Array.from({ length: N }, (_, i) => i % 6), levels: ['A', 'B', 'C', 'D', 'E', 'F'] } },
};
const defs: OutcomeDef[] = [{ outcome: 'y', label: 'y', domain: 'y', type: 'continuous', lower_is_better: false, unit: 'value', baseline: 'prior', needs: 'none' }];
const spec: CovariateSpec = { numeric: ['prior'], categorical: [], fixedEffects: 'school_id' };
const opts = (methods: EstimateAllOptions['methods']): EstimateAllOptions => ({
  methods,
  seed: 1,
  caliperSd: 0.2,
  exact: [],
  trim: null,
  cr2Below: 40,
  subgroups: false,
  schoolVisitThreshold: 0.1,
  dose: false,
  schoolLevel: false,
});

describe('analysis.methods is honoured before anything is fitted', () => {
  it('unadjusted + regression: no propensity model, only the analytic balance, no matching or weighting block', () => {
    propensityFits.n = 0;
    const r = estimateFrame(frame, null, defs, spec, opts(['unadjusted', 'regression']));
    expect(propensityFits.n).toBe(0);
    expect(r.outcomes[0]!.estimates.map((e) => e.method)).toEqual(['unadjusted', 'regression']);
    expect(r.balance!.map((b) => b.sample)).toEqual(['analytic']);
    expect(Object.keys(r.adjustment!).sort()).toEqual(['clusters', 'cr2_below_clusters', 'se_type']);
    // 6 schools < 40: CR2 with Satterthwaite df
    expect(r.adjustment).toEqual({ clusters: 6, se_type: 'cr2_satterthwaite', cr2_below_clusters: 40 });
  });

  it('unadjusted + weighting: one propensity model, no regression or matching estimate, analytic and weighted balance', () => {
    propensityFits.n = 0;
    const r = estimateFrame(frame, null, defs, spec, opts(['unadjusted', 'weighting']));
    expect(propensityFits.n).toBe(1);
    expect(r.outcomes[0]!.estimates.map((e) => e.method)).toEqual(['unadjusted', 'weighting']);
    expect(r.balance!.map((b) => b.sample)).toEqual(['analytic', 'weighted']);
    expect(r.adjustment!.matching).toBeUndefined();
    expect(r.adjustment!.weighting!.trim).toBeNull();
    expect(r.adjustment!.propensity!.covariates).toBe(7); // prior, its missing indicator, 5 school dummies
  });

  it('all methods: estimates listed as regression, matching, weighting whatever the order asked', () => {
    propensityFits.n = 0;
    const r = estimateFrame(frame, null, defs, spec, opts(['weighting', 'matching', 'unadjusted', 'regression']));
    expect(propensityFits.n).toBe(1);
    expect(r.outcomes[0]!.estimates.map((e) => e.method)).toEqual(['unadjusted', 'regression', 'matching', 'weighting']);
    expect(r.balance!.map((b) => b.sample)).toEqual(['analytic', 'matched', 'weighted']);
    const m = r.outcomes[0]!.estimates[2]!;
    expect(m.alternative_se!.se_type).toBe('cr1_pairs');
    expect(m.alternative_se!.clusters).toBe(r.adjustment!.matching!.matched_treated);
  });

  it('unadjusted only: nothing adjusted at all', () => {
    propensityFits.n = 0;
    const r = estimateFrame(frame, null, defs, spec, opts(['unadjusted']));
    expect(propensityFits.n).toBe(0);
    expect([r.balance, r.adjustment, r.covariates]).toEqual([undefined, undefined, undefined]);
  });
});

describe('the covariate summary comes from the frame, not from the first outcome’s model', () => {
  it('counts the missing values of prior over all 240 students and fills with their mean', () => {
    const r = estimateFrame(frame, null, defs, spec, opts(['unadjusted', 'regression']));
    const observed = [...prior].filter((v) => !Number.isNaN(v));
    const c = r.covariates!.find((x) => x.name === 'prior')!;
    expect(c.missing).toBe(4);
    expect(c.fill).toBeCloseTo(observed.reduce((a, b) => a + b, 0) / observed.length, 12);
    expect(r.covariates!.find((x) => x.name === 'school_id')).toMatchObject({ kind: 'fixed_effects', missing: 0, columns: 5 });
    // the outcome model itself used 238 students (y missing for 2)
    const reg = r.outcomes[0]!.estimates[1]!;
    expect(reg.n_treated! + reg.n_comparison!).toBe(238);
  });
});

describe('propensity model cautions are codes with counts', () => {
  it('visits decided by school (schools A and D visit everyone, the rest nobody): separation in all 240 rows', async () => {
    const { fitPropensity } = await import('../../src/estimate/propensity.js');
    const bySchool: AnalysisFrame = { ...frame, numeric: { ...frame.numeric, visited: Float64Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 1 : 0)) } };
    const ps = fitPropensity(bySchool, spec);
    expect(ps.converged).toBe(false);
    expect(ps.warnings).toContainEqual({ code: 'separation', counts: { rows: 240 } });
  });
});
