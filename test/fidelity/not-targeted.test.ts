/** The no-targeting contrasts from group aggregates, against hand calculations of Hedges' g and the Cox index (WWC). */
import { describe, it, expect } from 'vitest';
import { covariateContrast, notTargeted, type CovariateContrast } from '../../src/fidelity/index.js';

describe('covariateContrast', () => {
  it('is Hedges g with the WWC pooled SD for a rate, oriented so that lower attendance is worse off', () => {
    // visited n 10, mean 0.90, var 0.0016; others n 30, mean 0.94, var 0.0009
    // S = √((9·0.0016 + 29·0.0009)/38) = √(0.0405/38) = 0.0326464; ω = 1 − 3/(160 − 9) = 0.9801325
    // g = 0.9801325 · (−0.04)/0.0326464 = −1.2009, worse_off = +1.2009
    const c = covariateContrast('prior_attendance_rate', { n: 10, mean: 0.9, variance: 0.0016 }, { n: 30, mean: 0.94, variance: 0.0009 });
    expect(c.effect_size_type).toBe('hedges_g');
    expect(c.smd).toBeCloseTo((0.9801324503 * -0.04) / Math.sqrt(0.0405 / 38), 10);
    expect(c.smd).toBeCloseTo(-1.20092, 4);
    expect(c.worse_off).toBeCloseTo(1.20092, 4);
  });

  it('is the Cox index for a yes/no measure, oriented so that more chronic absence is worse off', () => {
    // p_t 0.4, p_c 0.2: ln(OR) = ln((0.4/0.6)/(0.2/0.8)) = ln(2.6667) = 0.980829; ω = 1 − 3/(4·50 − 9) = 0.984293
    // d = 0.984293 · 0.980829/1.65 = 0.585105
    const c = covariateContrast('prior_chronic_absence', { n: 20, mean: 0.4, variance: null }, { n: 30, mean: 0.2, variance: null });
    expect(c.effect_size_type).toBe('cox_index');
    expect(c.smd).toBeCloseTo(0.585105, 5);
    expect(c.worse_off).toBeCloseTo(0.585105, 5);
  });

  it('is null when a group is empty or a proportion is 0 or 1', () => {
    expect(covariateContrast('prior_ela_z', { n: 0, mean: null, variance: null }, { n: 5, mean: 0, variance: 1 })).toMatchObject({ smd: null, worse_off: null, mean_visited: null });
    expect(covariateContrast('prior_any_incident', { n: 5, mean: 0, variance: 0 }, { n: 5, mean: 0.4, variance: 0.3 }).smd).toBeNull();
  });
});

describe('notTargeted', () => {
  /** A contrast whose relevant fields are worse_off and its SE (what the flags read). */
  const withWorse = (covariate: 'prior_attendance_rate' | 'prior_ela_z', worse: number | null, se = 0.05): CovariateContrast => ({
    covariate, effect_size_type: 'hedges_g', n_visited: 10, n_not_visited: 10, mean_visited: 0, mean_not_visited: 0,
    smd: worse === null ? null : -worse, worse_off: worse, se: worse === null ? null : se,
  });

  it('flags targeting only above the threshold, and self-selection in the other direction', () => {
    expect(notTargeted([withWorse('prior_attendance_rate', 0.25), withWorse('prior_ela_z', -0.25)], 0.25)).toMatchObject({ targeting: false, self_selection: false });
    expect(notTargeted([withWorse('prior_attendance_rate', 0.26), withWorse('prior_ela_z', -0.3)], 0.25)).toMatchObject({
      targeting: true, targeting_on: ['prior_attendance_rate'], self_selection: true, self_selection_on: ['prior_ela_z'],
    });
  });

  it('does not flag a difference beyond the threshold that noise could explain (Bonferroni over the measures compared)', () => {
    // two measures: z* = Φ⁻¹(1 − 0.05/4) = 2.2414. 0.43/0.208 = 2.07 < z*: imprecise; 0.60/0.20 = 3.0 > z*: flagged
    expect(notTargeted([withWorse('prior_ela_z', 0.43, 0.208), withWorse('prior_attendance_rate', 0.1)], 0.25)).toMatchObject({
      targeting: false, targeting_on: [], targeting_imprecise_on: ['prior_ela_z'],
    });
    expect(notTargeted([withWorse('prior_ela_z', 0.6, 0.2), withWorse('prior_attendance_rate', 0.1)], 0.25)).toMatchObject({ targeting: true, targeting_on: ['prior_ela_z'], targeting_imprecise_on: [] });
  });

  it('gives the SE of g and of the Cox index by hand', () => {
    // g: n 28 / 141, g = 0.43: √(169/3948 + 0.1849/338) = √(0.0428065 + 0.000547) = 0.208215
    const g = covariateContrast('prior_ela_z', { n: 28, mean: -0.3, variance: 1 }, { n: 141, mean: 0.13, variance: 1 });
    expect(g.se).toBeCloseTo(Math.sqrt(169 / (28 * 141) + g.smd! ** 2 / 338), 12);
    // Cox: p 0.4 of 20, 0.2 of 30: cells 8, 12, 6, 24 → √(1/8 + 1/12 + 1/6 + 1/24)/1.65 = √0.416667/1.65 = 0.391210
    expect(covariateContrast('prior_chronic_absence', { n: 20, mean: 0.4, variance: null }, { n: 30, mean: 0.2, variance: null }).se).toBeCloseTo(0.39121, 6);
  });

  it('is null when no measure could be compared', () => {
    expect(notTargeted([withWorse('prior_attendance_rate', null)], 0.25)).toBeNull();
    expect(notTargeted([], 0.25)).toBeNull();
  });
});
