import { describe, expect, it } from 'vitest';
import { balanceTable } from '../../../src/stats/matching/index.js';

// Tiny data set: units 0–2 treated, 3–6 comparison.
//   x (continuous): treated 2, 4, 6   comparison 1, 3, 3, 5
//   b (binary):     treated 1, 1, 0   comparison 1, 0, 0, 0
//   z = x with comparison unit 6 missing (NaN)
const treated = Uint8Array.from([1, 1, 1, 0, 0, 0, 0]);
const x = Float64Array.from([2, 4, 6, 1, 3, 3, 5]);
const b = Float64Array.from([1, 1, 0, 1, 0, 0, 0]);
const z = Float64Array.from([2, 4, 6, 1, 3, 3, NaN]);
const covariates = [
  { name: 'x', values: x, binary: false },
  { name: 'b', values: b, binary: true },
  { name: 'z', values: z, binary: false },
];

describe('balanceTable — unweighted (before matching)', () => {
  const [rx, rb, rz] = balanceTable({ covariates, treated });

  it('continuous: Hedges g with the WWC ω, by hand = 0.4707512', () => {
    // treated: mean 4, s² = (4 + 0 + 4)/2 = 4, s = 2; comparison: mean 12/4 = 3, s² = (4 + 0 + 0 + 4)/3 = 8/3
    // S² = ((3−1)·4 + (4−1)·8/3)/(3 + 4 − 2) = (8 + 8)/5 = 3.2, S = 1.7888544
    // N = 7: ω = 1 − 3/(4·7 − 9) = 1 − 3/19 = 16/19 = 0.8421053
    // g = (16/19)·(4 − 3)/1.7888544 = 0.4707512 → |g| > .25 → not satisfied
    expect(rx!.mean_treated).toBe(4);
    expect(rx!.mean_comparison).toBe(3);
    expect(rx!.sd_treated).toBeCloseTo(2, 14);
    expect(rx!.sd_comparison).toBeCloseTo(Math.sqrt(8 / 3), 14);
    expect(rx!.n_treated).toBe(3);
    expect(rx!.n_comparison).toBe(4);
    expect(rx!.effect_size).toBeCloseTo((16 / 19) / Math.sqrt(3.2), 14);
    expect(rx!.effect_size).toBeCloseTo(0.4707512, 7);
    expect(rx!.effect_size_type).toBe('hedges_g');
    expect(rx!.wwc_band).toBe('not_satisfied');
    expect(rx!.variance_ratio).toBeCloseTo(4 / (8 / 3), 14); // 1.5
    expect(rx!.note).toBeNull();
  });

  it('binary: Cox index ω·ln(OR)/1.65, by hand = 0.9144546', () => {
    // p_t = 2/3, p_c = 1/4; OR = (2/3 ÷ 1/3)/(1/4 ÷ 3/4) = 2/(1/3) = 6; ln 6 = 1.7917595
    // d = (16/19)·1.7917595/1.65 = 0.9144546 → not satisfied
    expect(rb!.mean_treated).toBeCloseTo(2 / 3, 15);
    expect(rb!.mean_comparison).toBe(0.25);
    expect(rb!.sd_treated).toBeCloseTo(Math.sqrt(2 / 9), 14); // √(p(1 − p)), as cobalt
    expect(rb!.sd_comparison).toBeCloseTo(Math.sqrt(3 / 16), 14);
    expect(rb!.effect_size).toBeCloseTo(((16 / 19) * Math.log(6)) / 1.65, 14);
    expect(rb!.effect_size).toBeCloseTo(0.9144546, 7);
    expect(rb!.effect_size_type).toBe('cox_index');
    expect(rb!.wwc_band).toBe('not_satisfied');
    expect(rb!.variance_ratio).toBeNull(); // none for binary covariates, as cobalt
  });

  it('excludes a NaN for that covariate only and reports the n used', () => {
    // comparison 1, 3, 3: mean 7/3, s² = (16/9 + 4/9 + 4/9)/2 = 4/3; N = 6 → ω = 1 − 3/15 = 0.8
    // S² = (2·4 + 2·4/3)/4 = 8/3; g = 0.8·(4 − 7/3)/√(8/3) = 0.8·(5/3)/1.6329932 = 0.8164966
    expect(rz!.n_treated).toBe(3);
    expect(rz!.n_comparison).toBe(3);
    expect(rz!.mean_comparison).toBeCloseTo(7 / 3, 14);
    expect(rz!.effect_size).toBeCloseTo((0.8 * (5 / 3)) / Math.sqrt(8 / 3), 14);
    expect(rz!.effect_size).toBeCloseTo(0.8164966, 7);
    expect(rx!.n_comparison).toBe(4); // x itself is unaffected
  });
});

describe('balanceTable — matched sample (0/1 weights)', () => {
  // Suppose matching dropped comparison unit 3 (x = 1, b = 1): weights 1,1,1 | 0,1,1,1.
  const weights = Float64Array.from([1, 1, 1, 0, 1, 1, 1]);

  it("default standardizeWith 'unweighted': matched means over the unmatched sample's S and ω", () => {
    // matched comparison x: 3, 3, 5 → mean 11/3; numerator 4 − 11/3 = 1/3
    // S = 1.7888544 and ω = 16/19 from the unweighted sample (same scale as the table before matching)
    // g = (16/19)(1/3)/1.7888544 = 0.1569171 → adjustment required
    const [rx] = balanceTable({ covariates, treated, weights });
    expect(rx!.mean_comparison).toBeCloseTo(11 / 3, 14);
    expect(rx!.n_comparison).toBe(3);
    expect(rx!.n_comparison_units).toBe(3);
    expect(rx!.sd_comparison).toBeCloseTo(Math.sqrt(4 / 3), 14); // 3, 3, 5: s² = (4/9 + 4/9 + 16/9)/2 = 4/3
    expect(rx!.effect_size).toBeCloseTo((16 / 19) * (1 / 3) / Math.sqrt(3.2), 14);
    expect(rx!.effect_size).toBeCloseTo(0.1569171, 7);
    expect(rx!.wwc_band).toBe('adjustment_required');
    expect(rx!.variance_ratio).toBeCloseTo(4 / (4 / 3), 14); // 3
  });

  it("standardizeWith 'weighted': WWC on the matched analytic sample", () => {
    // matched: treated 2, 4, 6 (s² 4), comparison 3, 3, 5 (s² 4/3); N = 6 → ω = 0.8
    // S² = (2·4 + 2·4/3)/4 = 8/3 = 2.6666667; g = 0.8·(1/3)/1.6329932 = 0.1632993
    const [rx] = balanceTable({ covariates, treated, weights, standardizeWith: 'weighted' });
    expect(rx!.effect_size).toBeCloseTo((0.8 * (1 / 3)) / Math.sqrt(8 / 3), 14);
    expect(rx!.effect_size).toBeCloseTo(0.1632993, 7);
  });

  it('binary covariate that is 0 in every matched comparison unit: Cox index null, band undefined', () => {
    const [, rb] = balanceTable({ covariates, treated, weights });
    expect(rb!.mean_comparison).toBe(0);
    expect(rb!.effect_size).toBeNull();
    expect(rb!.wwc_band).toBe('undefined');
    expect(rb!.note).toMatch(/proportion is 0 or 1/);
  });
});

describe('balanceTable — non-integer (ATT) weights', () => {
  // treated 2, 2 (weights 1, 1); comparison 1, 3 with weights 1, 3
  //   weighted comparison mean = (1·1 + 3·3)/4 = 2.5
  //   weighted variance (reliability weights, cobalt col_w_var):
  //     Σw(x − m)² = 1·2.25 + 3·0.25 = 3; Σw − Σw²/Σw = 4 − 10/4 = 1.5 → 3/1.5 = 2
  //   ESS = 4²/10 = 1.6
  const tr = Uint8Array.from([1, 1, 0, 0]);
  const v = Float64Array.from([2, 2, 1, 3]);
  const w = Float64Array.from([1, 1, 1, 3]);
  const cov = [{ name: 'v', values: v, binary: false }];

  it('uses Σwx/Σw, the reliability-weights variance and the Kish n', () => {
    const [r] = balanceTable({ covariates: cov, treated: tr, weights: w });
    expect(r!.mean_comparison).toBe(2.5);
    expect(r!.sd_comparison).toBeCloseTo(Math.sqrt(2), 14);
    expect(r!.n_comparison).toBeCloseTo(1.6, 14);
    expect(r!.n_comparison_units).toBe(2);
    // unweighted S: treated s² 0, comparison 1, 3 → s² 2; S² = (0 + 1·2)/2 = 1; N = 4 → ω = 1 − 3/7 = 4/7
    // g = (4/7)(2 − 2.5)/1 = −0.2857143 → not satisfied
    expect(r!.effect_size).toBeCloseTo(-2 / 7, 14);
    expect(r!.wwc_band).toBe('not_satisfied');
    expect(r!.variance_ratio).toBe(0);
  });

  it("standardizeWith 'weighted' uses the weighted SDs and effective n's", () => {
    // S² = ((2 − 1)·0 + (1.6 − 1)·2)/(2 + 1.6 − 2) = 1.2/1.6 = 0.75; ω = 1 − 3/(4·3.6 − 9) = 1 − 3/5.4 = 4/9
    // g = (4/9)(−0.5)/√0.75 = −0.2566001
    const [r] = balanceTable({ covariates: cov, treated: tr, weights: w, standardizeWith: 'weighted' });
    expect(r!.effect_size).toBeCloseTo(((4 / 9) * -0.5) / Math.sqrt(0.75), 12);
    expect(r!.effect_size).toBeCloseTo(-0.2566001, 7);
  });

  it('rejects negative weights and non-0/1 binary values', () => {
    expect(() => balanceTable({ covariates: cov, treated: tr, weights: Float64Array.from([1, 1, -1, 1]) })).toThrow(RangeError);
    expect(() => balanceTable({ covariates: [{ name: 'b', values: v, binary: true }], treated: tr })).toThrow(RangeError);
  });

  it('an empty group gives null means and an undefined band, never NaN', () => {
    const [r] = balanceTable({ covariates: [{ name: 'v', values: Float64Array.from([2, 2, NaN, NaN]), binary: false }], treated: tr });
    expect(r!.mean_comparison).toBeNull();
    expect(r!.effect_size).toBeNull();
    expect(r!.wwc_band).toBe('undefined');
    expect(r!.n_comparison).toBe(0);
  });
});
