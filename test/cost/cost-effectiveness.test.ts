import { describe, expect, it } from 'vitest';
import { costEffectiveness } from '../../src/cost/index.js';

// z(0.975) = 1.959964, t(0.975; 10) = 2.228139, t(0.975; 30) = 2.042272 (printed t tables)
const Z = 1.959964;

describe('costEffectiveness: chronic absence', () => {
  it('is bounded when the risk difference is significantly negative (normal reference)', () => {
    // C = $1,000 per visited student, Δ = −0.05 (5 points fewer chronically absent), se 0.01:
    // ratio 1,000 / 0.05 = $20,000 per additional student not chronically absent (C × NNT of 20);
    // Fieller with C fixed: [1000/(0.05 + 1.959964·0.01), 1000/(0.05 − 1.959964·0.01)] = [1000/0.0695996, 1000/0.0304004]
    const r = costEffectiveness({
      outcome: 'chronic_absence',
      cost_per_student: 1000,
      effect: { estimate: -0.05, se: 0.01, df: null, ci_low: -0.05 - Z * 0.01, ci_high: -0.05 + Z * 0.01 },
    });
    expect(r.status).toBe('bounded');
    expect(r.unit).toBe('student_not_chronically_absent');
    expect(r.gain).toBe(0.05);
    expect(r.ratio).toBeCloseTo(20000, 9);
    expect(r.critical_value).toBeCloseTo(Z, 6);
    expect(r.interval!.low).toBeCloseTo(1000 / 0.0695996, 1); // 14,367.9
    expect(r.interval!.high).toBeCloseTo(1000 / 0.0304004, 1); // 32,894.3
    expect(r.fieller.kind).toBe('bounded');
    expect(r.bootstrap).toBeNull();
  });

  it('uses the t critical value when the effect has df', () => {
    // t(0.975; 10) = 2.228139: [1000/0.07228139, 1000/0.02771861] = [13,834.8, 36,076.8]
    const t = 2.228139;
    const r = costEffectiveness({
      outcome: 'chronic_absence',
      cost_per_student: 1000,
      effect: { estimate: -0.05, se: 0.01, df: 10, ci_low: -0.05 - t * 0.01, ci_high: -0.05 + t * 0.01 },
    });
    expect(r.critical_value).toBeCloseTo(t, 6);
    expect(r.interval!.low).toBeCloseTo(1000 / 0.07228139, 1);
    expect(r.interval!.high).toBeCloseTo(1000 / 0.02771861, 1);
  });

  it('is unbounded when the CI includes zero, with Fieller two rays and no interval', () => {
    // Δ = −0.01, se 0.01: CI [−0.0296, 0.0096] includes 0. Fieller for 1000/b, b = 0.01, t·se = 0.0196:
    // ρ ≤ 1000/(0.01 − 0.0196) = −104,166.7 or ρ ≥ 1000/(0.01 + 0.0196) = 33,783.8
    const r = costEffectiveness({
      outcome: 'chronic_absence',
      cost_per_student: 1000,
      effect: { estimate: -0.01, se: 0.01, df: null, ci_low: -0.01 - Z * 0.01, ci_high: -0.01 + Z * 0.01 },
    });
    expect(r.status).toBe('unbounded');
    expect(r.interval).toBeNull();
    expect(r.ratio).toBeCloseTo(100000, 6); // the point ratio 1000/0.01, for the record only
    expect(r.fieller).toEqual({
      kind: 'unbounded_two_rays',
      below: expect.closeTo(1000 / (0.01 - Z * 0.01), 2),
      above: expect.closeTo(1000 / (0.01 + Z * 0.01), 2),
    });
  });

  it('has no point ratio when the point estimate is not a gain but the CI includes zero', () => {
    const r = costEffectiveness({
      outcome: 'chronic_absence',
      cost_per_student: 1000,
      effect: { estimate: 0.005, se: 0.01, df: null, ci_low: 0.005 - Z * 0.01, ci_high: 0.005 + Z * 0.01 },
    });
    expect(r.status).toBe('unbounded');
    expect(r.ratio).toBeNull();
  });

  it('says no_gain when the visited group is significantly worse', () => {
    // Δ = +0.05, se 0.01: CI [0.0304, 0.0696] lies above 0
    const r = costEffectiveness({
      outcome: 'chronic_absence',
      cost_per_student: 1000,
      effect: { estimate: 0.05, se: 0.01, df: null, ci_low: 0.05 - Z * 0.01, ci_high: 0.05 + Z * 0.01 },
    });
    expect(r.status).toBe('no_gain');
    expect(r.ratio).toBeNull();
    expect(r.interval).toBeNull();
    expect(r.gain).toBe(-0.05);
  });

  it('takes the status from the given CI and stays unbounded when Fieller is not bounded', () => {
    // a CI [−0.06, −0.04] that excludes 0 but does not match Δ ± t·se (t·se = 0.0588 > 0.05): Fieller is
    // unbounded, so the ratio is reported unbounded rather than as an interval Fieller does not give
    const r = costEffectiveness({
      outcome: 'chronic_absence',
      cost_per_student: 1000,
      effect: { estimate: -0.05, se: 0.03, df: null, ci_low: -0.06, ci_high: -0.04 },
    });
    expect(r.fieller.kind).not.toBe('bounded');
    expect(r.status).toBe('unbounded');
    expect(r.interval).toBeNull();
  });
});

describe('costEffectiveness: days absent', () => {
  it('gives the cost per absence avoided', () => {
    // C = $600, Δ = −1.5 days, se 0.5, df 30: ratio 600/1.5 = $400 per absence avoided;
    // t·se = 2.042272·0.5 = 1.021136: [600/2.521136, 600/0.478864] = [237.99, 1,252.97]
    const t = 2.042272;
    const r = costEffectiveness({
      outcome: 'days_absent',
      cost_per_student: 600,
      effect: { estimate: -1.5, se: 0.5, df: 30, ci_low: -1.5 - t * 0.5, ci_high: -1.5 + t * 0.5 },
    });
    expect(r.unit).toBe('absence_avoided');
    expect(r.status).toBe('bounded');
    expect(r.ratio).toBeCloseTo(400, 9);
    expect(r.interval!.low).toBeCloseTo(600 / 2.521136, 3);
    expect(r.interval!.high).toBeCloseTo(600 / 0.478864, 2);
  });
});

describe('costEffectiveness: bootstrap interval', () => {
  const effect = { estimate: -0.05, se: 0.01, df: null, ci_low: -0.05 - Z * 0.01, ci_high: -0.05 + Z * 0.01 };

  it('is the percentile interval of C/(−Δ) over the draws of Δ', () => {
    // draws Δ = −0.001, −0.002, …, −0.100; 90% percentiles of Δ: −0.09505 and −0.00595 (R type 7),
    // so C/(−Δ) runs from 1000/0.09505 = 10,520.8 to 1000/0.00595 = 168,067.2
    const draws = Array.from({ length: 100 }, (_, i) => -(i + 1) / 1000);
    const r = costEffectiveness({ outcome: 'chronic_absence', cost_per_student: 1000, effect, draws, level: 0.9 });
    expect(r.bootstrap).toEqual({ kind: 'bounded', low: expect.closeTo(1000 / 0.09505, 6), high: expect.closeTo(1000 / 0.00595, 4) });
  });

  it('is unbounded when the draws cross zero and no_gain when they lie above it', () => {
    const crossing = Array.from({ length: 100 }, (_, i) => (i - 50) / 1000);
    expect(costEffectiveness({ outcome: 'days_absent', cost_per_student: 1000, effect, draws: crossing }).bootstrap).toEqual({ kind: 'unbounded' });
    const worse = Array.from({ length: 100 }, (_, i) => (i + 1) / 1000);
    expect(costEffectiveness({ outcome: 'days_absent', cost_per_student: 1000, effect, draws: worse }).bootstrap).toEqual({ kind: 'no_gain' });
    // a zero cost still says no_gain for draws above 0, and [0, 0] for draws below it
    expect(costEffectiveness({ outcome: 'days_absent', cost_per_student: 0, effect, draws: worse }).bootstrap).toEqual({ kind: 'no_gain' });
    const better = worse.map((d) => -d);
    const zero = costEffectiveness({ outcome: 'days_absent', cost_per_student: 0, effect, draws: better }).bootstrap;
    expect(zero?.kind).toBe('bounded');
    if (zero?.kind === 'bounded') expect([Math.abs(zero.low), Math.abs(zero.high)]).toEqual([0, 0]);
  });

  it('refuses malformed input', () => {
    expect(() => costEffectiveness({ outcome: 'chronic_absence', cost_per_student: -1, effect })).toThrow(RangeError);
    expect(() => costEffectiveness({ outcome: 'chronic_absence', cost_per_student: 1, effect: { ...effect, se: -1 } })).toThrow(RangeError);
    expect(() => costEffectiveness({ outcome: 'chronic_absence', cost_per_student: 1, effect: { ...effect, df: 0 } })).toThrow(RangeError);
  });
});
