import { describe, expect, it } from 'vitest';
import { hedgesG, pooledSd, smallSampleCorrection } from '../../src/stats/hedges-g.js';

// WWC Procedures Handbook (v4.1/v5.0) and METHODS.md §3:
//   S = √(((n_t−1)s_t² + (n_c−1)s_c²)/(n_t + n_c − 2)), ω = 1 − 3/(4N − 9), g = ω(ȳ_t − ȳ_c)/S.
// Worked example (the Welch test data): n_t = 5, s_t² = 7.5, mean 14; n_c = 6, s_c² = 2, mean 10.
//   S² = (4·7.5 + 5·2)/9 = 40/9 → S = 2.108185
//   N = 11 → ω = 1 − 3/(44 − 9) = 1 − 3/35 = 32/35 = 0.9142857
//   g = (32/35)·4/2.108185 = 0.9142857 × 1.897367 = 1.734735
const t = { n: 5, mean: 14, sd: Math.sqrt(7.5) };
const c = { n: 6, mean: 10, sd: Math.sqrt(2) };

describe('pooledSd', () => {
  it('pools the two variances with n − 1 weights: √(40/9) = 2.108185', () => {
    expect(pooledSd(t, c)).toBeCloseTo(Math.sqrt(40 / 9), 14);
    expect(pooledSd(t, c)).toBeCloseTo(2.108185, 6);
  });

  it('equals the common SD when both groups share it', () => {
    expect(pooledSd({ n: 10, mean: 0, sd: 3 }, { n: 25, mean: 1, sd: 3 })).toBeCloseTo(3, 14);
  });
});

describe('smallSampleCorrection', () => {
  it('is 1 − 3/(4N − 9): N = 11 → 32/35, N = 20 → 68/71, N = 100 → 388/391', () => {
    expect(smallSampleCorrection(11)).toBeCloseTo(32 / 35, 15);
    expect(smallSampleCorrection(20)).toBeCloseTo(68 / 71, 15);
    expect(smallSampleCorrection(100)).toBeCloseTo(388 / 391, 15); // 0.992327
  });
});

describe('hedgesG', () => {
  it('reproduces the hand computation g = 1.734735', () => {
    expect(hedgesG(t, c)).toBeCloseTo(((32 / 35) * 4) / Math.sqrt(40 / 9), 14);
    expect(hedgesG(t, c)).toBeCloseTo(1.734735, 6);
  });

  it('keeps the natural sign (treated − comparison)', () => {
    expect(hedgesG(c, t)).toBeCloseTo(-1.734735, 6);
  });

  it('uses a supplied (adjusted) numerator over the unadjusted pooled SD: 3 → (32/35)·3/2.108185 = 1.301051', () => {
    expect(hedgesG(t, c, 3)).toBeCloseTo(((32 / 35) * 3) / Math.sqrt(40 / 9), 14);
    expect(hedgesG(t, c, 3)).toBeCloseTo(1.301051, 6);
  });

  it('returns NaN when the pooled SD is 0 (or undefined)', () => {
    expect(hedgesG({ n: 5, mean: 2, sd: 0 }, { n: 5, mean: 1, sd: 0 })).toBeNaN();
    expect(hedgesG({ n: 5, mean: 2, sd: 0 }, { n: 5, mean: 2, sd: 0 })).toBeNaN();
    expect(hedgesG({ n: 1, mean: 2, sd: NaN }, { n: 5, mean: 1, sd: 1 })).toBeNaN();
  });
});
