import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/stats/summary.js';
import { welchDifference } from '../../src/stats/welch.js';

// Worked example.
// treated  = 12, 15, 11, 18, 14:     Σ = 70, mean 14; deviations −2, 1, −3, 4, 0; Σd² = 30; s² = 30/4 = 7.5
// control  = 10, 9, 12, 8, 11, 10:   Σ = 60, mean 10; deviations 0, −1, 2, −2, 1, 0; Σd² = 10; s² = 10/5 = 2
// estimate = 14 − 10 = 4
// v_t = 7.5/5 = 1.5, v_c = 2/6 = 1/3; se² = 1.5 + 1/3 = 11/6; se = √(11/6) = 1.354006
// df = (11/6)² / (1.5²/4 + (1/3)²/5) = (121/36) / (0.5625 + 1/45) = (121/36) / (421/720) = 2420/421 = 5.748219
// t = 4 / 1.354006 = 2.954196
// t table: df 5 → 2.571 (p .05), 3.365 (p .02); df 6 → 2.447, 3.143; so .02 < p < .05.
// scipy.stats.ttest_ind(treated, control, equal_var=False): t = 2.9541957835, df = 5.7482185273,
//   p = 0.0268082179, 95% CI (0.6513680321, 7.3486319679) [t_0.975(5.748) = 2.4731286100].
const treated = summarize([12, 15, 11, 18, 14]);
const control = summarize([10, 9, 12, 8, 11, 10]);

describe('welchDifference', () => {
  it('reproduces the hand-computed estimate, SE, df and t', () => {
    const r = welchDifference(treated, control);
    expect(r.estimate).toBeCloseTo(4, 14);
    expect(r.se).toBeCloseTo(Math.sqrt(11 / 6), 14);
    expect(r.se).toBeCloseTo(1.354006, 6);
    expect(r.df).toBeCloseTo(2420 / 421, 12);
    expect(r.statistic).toBeCloseTo(2.954196, 6);
  });

  it('gives a p between the t-table bracket .02 and .05, and scipy’s p = 0.0268082', () => {
    const r = welchDifference(treated, control);
    expect(r.p_value).toBeGreaterThan(0.02);
    expect(r.p_value).toBeLessThan(0.05);
    expect(r.p_value).toBeCloseTo(0.0268082179, 9);
  });

  it('gives the t-based 95% CI 4 ± 2.473129 × 1.354006 = (0.651368, 7.348632)', () => {
    const r = welchDifference(treated, control);
    expect(r.ci_low).toBeCloseTo(0.6513680321, 8);
    expect(r.ci_high).toBeCloseTo(7.3486319679, 8);
    // Symmetric about the estimate, with a half-width between df-5 and df-6 table multipliers.
    expect(r.ci_high - r.estimate).toBeCloseTo(r.estimate - r.ci_low, 12);
    const mult = (r.ci_high - r.estimate) / r.se;
    expect(mult).toBeGreaterThan(2.447);
    expect(mult).toBeLessThan(2.571);
  });

  it('honours level: 90% CI uses t_0.95(5.748) = 1.958530 → (1.348137, 6.651863) (scipy)', () => {
    const r = welchDifference(treated, control, 0.9);
    expect(r.ci_low).toBeCloseTo(1.348137478, 8);
    expect(r.ci_high).toBeCloseTo(6.651862522, 8);
    expect(r.p_value).toBeCloseTo(0.0268082179, 9); // p does not depend on level
  });

  it('flips sign when the groups are swapped (treated − comparison convention)', () => {
    const a = welchDifference(treated, control);
    const b = welchDifference(control, treated);
    expect(b.estimate).toBe(-a.estimate);
    expect(b.statistic).toBeCloseTo(-a.statistic, 14);
    expect(b.ci_low).toBeCloseTo(-a.ci_high, 12);
    expect(b.p_value).toBeCloseTo(a.p_value, 14);
  });

  // With s_t = 0: se² = s_c²/n_c and df = (v_c)² / (v_c²/(n_c − 1)) = n_c − 1 exactly.
  // t = {n 4, mean 5, sd 0}, c = {n 9, mean 2, sd 3}: v_c = 9/9 = 1, se = 1, df = 8, t = 3.
  // t table df 8: 2.896 (p .02), 3.355 (p .01); R pt: 2·pt(−3, 8) = 0.01707168.
  it('reduces to df = n_c − 1 when one group has no spread', () => {
    const r = welchDifference({ n: 4, mean: 5, sd: 0 }, { n: 9, mean: 2, sd: 3 });
    expect(r.se).toBe(1);
    expect(r.df).toBe(8);
    expect(r.statistic).toBe(3);
    expect(r.p_value).toBeGreaterThan(0.01);
    expect(r.p_value).toBeLessThan(0.02);
    expect(r.p_value).toBeCloseTo(0.01707168, 8);
  });

  it('returns NaN statistic, CI and p (never Infinity) when se = 0', () => {
    for (const [mt, mc] of [
      [3, 3],
      [4, 3],
    ]) {
      const r = welchDifference({ n: 5, mean: mt!, sd: 0 }, { n: 6, mean: mc!, sd: 0 });
      expect(r.estimate).toBe(mt! - mc!);
      expect(r.se).toBe(0);
      expect(r.statistic).toBeNaN();
      expect(r.p_value).toBeNaN();
      expect(r.ci_low).toBeNaN();
      expect(r.ci_high).toBeNaN();
    }
  });

  it('returns NaN p and CI when a group has n < 2 (sd NaN, se not finite)', () => {
    const r = welchDifference(summarize([5]), control);
    expect(r.se).toBeNaN();
    expect(r.p_value).toBeNaN();
    expect(r.ci_low).toBeNaN();
    expect(r.ci_high).toBeNaN();
  });

  it('rejects a confidence level outside (0, 1)', () => {
    expect(() => welchDifference(treated, control, 95)).toThrow(RangeError);
    expect(() => welchDifference(treated, control, 0)).toThrow(RangeError);
  });
});
