import { describe, expect, it } from 'vitest';
import { fiellerInterval } from '../../src/stats/index.js';

describe('fiellerInterval', () => {
  it('matches a hand calculation of the general (correlated) form', () => {
    // a = 10, b = 4, v_aa = 4, v_bb = 1, v_ab = 1, t = 2:
    //   A = b² − t²v_bb = 16 − 4 = 12
    //   B = ab − t²v_ab = 40 − 4 = 36
    //   C = a² − t²v_aa = 100 − 16 = 84
    //   D = B² − AC = 1296 − 1008 = 288, √D = 12√2
    //   [(36 − 12√2)/12, (36 + 12√2)/12] = [3 − √2, 3 + √2] = [1.585786…, 4.414214…]
    const set = fiellerInterval({ a: 10, b: 4, v_aa: 4, v_bb: 1, v_ab: 1 }, 2);
    expect(set.kind).toBe('bounded');
    if (set.kind !== 'bounded') return;
    expect(set.low).toBeCloseTo(3 - Math.SQRT2, 12);
    expect(set.high).toBeCloseTo(3 + Math.SQRT2, 12);
    // at each end the t-statistic of a − ρb is exactly t: (a − ρb)² = t²(v_aa − 2ρv_ab + ρ²v_bb)
    for (const rho of [set.low, set.high]) {
      expect((10 - rho * 4) ** 2).toBeCloseTo(4 * (4 - 2 * rho + rho * rho), 10);
    }
  });

  it('with a known numerator (v_aa = v_ab = 0) equals a/(b ± t·se_b)', () => {
    // a = 120, b = 0.05, se_b = 0.02, t = 1.96: t·se = 0.0392, so [120/0.0892, 120/0.0108]
    const set = fiellerInterval({ a: 120, b: 0.05, v_aa: 0, v_bb: 0.02 ** 2, v_ab: 0 }, 1.96);
    expect(set).toEqual({ kind: 'bounded', low: expect.closeTo(120 / 0.0892, 9), high: expect.closeTo(120 / 0.0108, 9) });
    // a negative numerator flips the order: [−120/0.0108, −120/0.0892]
    const neg = fiellerInterval({ a: -120, b: 0.05, v_aa: 0, v_bb: 0.02 ** 2, v_ab: 0 }, 1.96);
    expect(neg).toEqual({ kind: 'bounded', low: expect.closeTo(-120 / 0.0108, 9), high: expect.closeTo(-120 / 0.0892, 9) });
  });

  it('is unbounded exactly when the CI of b (b ± t·se_b) crosses zero', () => {
    const t = 1.96;
    const se = 0.5;
    for (const b of [-2, -1.5, -0.99, -0.5, 0, 0.3, 0.97, 0.99, 1.5, 3]) {
      const crosses = Math.abs(b) <= t * se; // t·se = 0.98
      for (const [v_aa, v_ab] of [
        [0, 0],
        [0.3, 0.1],
        [1, -0.4],
      ] as const) {
        const set = fiellerInterval({ a: 2, b, v_aa, v_bb: se * se, v_ab }, t);
        expect(set.kind === 'bounded', `b = ${b}, v_aa = ${v_aa}`).toBe(!crosses);
      }
    }
  });

  it('gives two rays, by hand, when b is not significant but a is', () => {
    // a = 10, b = 1, v_aa = 4, v_bb = 1, v_ab = 0, t = 2: A = 1 − 4 = −3, B = 10, C = 100 − 16 = 84,
    // D = 100 + 252 = 352 = 16·22; roots (10 ± 4√22)/(−3): ρ ≤ −(10 + 4√22)/3 = −9.587… or ρ ≥ (4√22 − 10)/3 = 2.920…
    const set = fiellerInterval({ a: 10, b: 1, v_aa: 4, v_bb: 1, v_ab: 0 }, 2);
    expect(set).toEqual({
      kind: 'unbounded_two_rays',
      below: expect.closeTo(-(10 + 4 * Math.sqrt(22)) / 3, 12),
      above: expect.closeTo((4 * Math.sqrt(22) - 10) / 3, 12),
    });
    // with a known numerator the rays end at a/(b − t·se) < 0 and a/(b + t·se) > 0: b = 0.01, se = 0.01, t = 1.96
    const known = fiellerInterval({ a: 1000, b: 0.01, v_aa: 0, v_bb: 1e-4, v_ab: 0 }, 1.96);
    expect(known).toEqual({
      kind: 'unbounded_two_rays',
      below: expect.closeTo(1000 / (0.01 - 0.0196), 6),
      above: expect.closeTo(1000 / (0.01 + 0.0196), 6),
    });
  });

  it('is the whole line when neither a nor b is significant', () => {
    // a = 1, b = 1, v_aa = 4, v_bb = 1, v_ab = 0, t = 2: A = −3, B = 1, C = 1 − 16 = −15, D = 1 − 45 = −44 < 0
    expect(fiellerInterval({ a: 1, b: 1, v_aa: 4, v_bb: 1, v_ab: 0 }, 2)).toEqual({ kind: 'whole_line' });
  });

  it('is a single ray when b sits exactly on the critical value (A = 0)', () => {
    // b = 2, v_bb = 1, t = 2 (A = 0), a = 3, v_aa = v_ab = 0: (3 − 2ρ)² ≤ 4ρ² ⇔ 9 − 12ρ ≤ 0 ⇔ ρ ≥ 0.75
    expect(fiellerInterval({ a: 3, b: 2, v_aa: 0, v_bb: 1, v_ab: 0 }, 2)).toEqual({
      kind: 'unbounded_two_rays',
      below: -Infinity,
      above: 0.75,
    });
  });

  it('refuses a covariance matrix that is not positive semi-definite, or a bad critical value', () => {
    expect(() => fiellerInterval({ a: 1, b: 1, v_aa: 1, v_bb: 1, v_ab: 2 }, 2)).toThrow(RangeError);
    expect(() => fiellerInterval({ a: 1, b: 1, v_aa: -1, v_bb: 1, v_ab: 0 }, 2)).toThrow(RangeError);
    expect(() => fiellerInterval({ a: 1, b: NaN, v_aa: 1, v_bb: 1, v_ab: 0 }, 2)).toThrow(RangeError);
    expect(() => fiellerInterval({ a: 1, b: 1, v_aa: 1, v_bb: 1, v_ab: 0 }, 0)).toThrow(RangeError);
  });
});
