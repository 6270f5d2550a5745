import { describe, expect, it } from 'vitest';
import { attOddsWeights } from '../../../src/stats/matching/index.js';

// 4 units: treated ps 0.6 and 0.8, comparison ps 0.5 and 0.2.
//   treated weights: 1, 1 (n_t = 2)
//   comparison odds: 0.5/0.5 = 1, 0.2/0.8 = 0.25; sum 1.25
//   normalised to sum to n_t = 2: × 2/1.25 = × 1.6 → 1.6, 0.4
//   ESS treated = 2²/(1 + 1) = 2; ESS comparison = (1.6 + 0.4)²/(1.6² + 0.4²) = 4/(2.56 + 0.16) = 4/2.72 = 1.4705882
const ps = Float64Array.from([0.6, 0.8, 0.5, 0.2]);
const treated = Uint8Array.from([1, 1, 0, 0]);

describe('attOddsWeights', () => {
  it('gives treated 1 and comparison ps/(1 − ps) rescaled to sum to n_treated', () => {
    const r = attOddsWeights(ps, treated);
    expect(r.weights[0]).toBe(1);
    expect(r.weights[1]).toBe(1);
    expect(r.weights[2]).toBeCloseTo(1.6, 14);
    expect(r.weights[3]).toBeCloseTo(0.4, 14);
    expect(r.trimmed).toBe(0);
    expect(r.missing).toBe(0);
  });

  it('reports the Kish ESS (Σw)²/Σw² per group: 2 and 4/2.72 = 1.4705882', () => {
    const r = attOddsWeights(ps, treated);
    expect(r.ess.treated).toBe(2);
    expect(r.ess.comparison).toBeCloseTo(4 / 2.72, 14);
    expect(r.ess.comparison).toBeCloseTo(1.4705882, 7);
  });

  it('trimAt = 0.25 truncates ps into [0.25, 0.75]: comparison 0.2 → 0.25, odds 1/3', () => {
    // comparison odds 1 and (0.25/0.75) = 1/3, sum 4/3 → × 2/(4/3) = × 1.5 → 1.5, 0.5
    // ESS comparison = 2²/(2.25 + 0.25) = 4/2.5 = 1.6. Treated ps 0.8 is also outside, but a
    // treated weight is 1 whatever its ps, so only the one comparison unit counts as trimmed.
    const r = attOddsWeights(ps, treated, { trimAt: 0.25 });
    expect(r.weights[2]).toBeCloseTo(1.5, 14);
    expect(r.weights[3]).toBeCloseTo(0.5, 14);
    expect(r.ess.comparison).toBeCloseTo(1.6, 14);
    expect(r.trimmed).toBe(1);
  });

  it('gives a NaN ps weight 0 and counts it as missing', () => {
    const r = attOddsWeights(Float64Array.from([0.6, 0.8, 0.5, 0.2, NaN, NaN]), Uint8Array.from([1, 1, 0, 0, 1, 0]));
    expect(Array.from(r.weights.subarray(4))).toEqual([0, 0]);
    expect(r.missing).toBe(2);
    expect(r.weights[2]).toBeCloseTo(1.6, 14);
    expect(r.ess.treated).toBe(2);
  });

  it('refuses a comparison ps of 1 (infinite odds) unless trimmed, and ps outside [0, 1]', () => {
    const t = Uint8Array.from([1, 0]);
    expect(() => attOddsWeights(Float64Array.from([0.5, 1]), t)).toThrow(RangeError);
    expect(attOddsWeights(Float64Array.from([0.5, 1]), t, { trimAt: 0.01 }).weights[1]).toBeCloseTo(1, 14); // normalised to n_t = 1
    expect(() => attOddsWeights(Float64Array.from([0.5, 1.2]), t)).toThrow(RangeError);
    expect(() => attOddsWeights(ps, treated, { trimAt: 0.5 })).toThrow(RangeError);
  });
});
