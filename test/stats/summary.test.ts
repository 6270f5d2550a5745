import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/stats/summary.js';

describe('summarize', () => {
  // {2, 4, 4, 4, 5, 5, 7, 9}: Σ = 40, mean 5; deviations −3, −1, −1, −1, 0, 0, 2, 4;
  // Σd² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; sample variance 32/7; sd = √(32/7) = 2.138090.
  it('computes n, mean and the n−1 sd by hand', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(s.sd).toBeCloseTo(2.13809, 5);
  });

  it('skips NaN (same answer with NaNs interleaved, for arrays and Float64Array)', () => {
    const withNaN = [NaN, 2, 4, NaN, 4, 4, 5, 5, 7, 9, NaN];
    for (const values of [withNaN, Float64Array.from(withNaN)]) {
      const s = summarize(values);
      expect(s.n).toBe(8);
      expect(s.mean).toBe(5);
      expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    }
  });

  it('gives mean NaN and sd NaN for no values, sd NaN for one value', () => {
    expect(summarize([])).toEqual({ n: 0, mean: NaN, sd: NaN });
    expect(summarize([NaN, NaN])).toEqual({ n: 0, mean: NaN, sd: NaN });
    const one = summarize([NaN, 3.5]);
    expect(one.n).toBe(1);
    expect(one.mean).toBe(3.5);
    expect(one.sd).toBeNaN();
  });

  it('gives sd 0 for constant values', () => {
    expect(summarize([7, 7, 7]).sd).toBe(0);
    expect(summarize([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]).sd).toBe(0);
  });

  // The cancellation example of Wikipedia's "Algorithms for calculating variance": 1e9 + {4, 7, 13, 16}
  // has mean 1e9 + 10 and sample variance (36 + 9 + 9 + 36)/3 = 30; the textbook one-pass
  // Σx² − (Σx)²/n formula gets this badly wrong in doubles.
  it('is numerically stable with a large common offset', () => {
    const s = summarize([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(s.mean).toBe(1e9 + 10);
    expect(s.sd * s.sd).toBeCloseTo(30, 9);
  });

  it('agrees with simple-statistics mean / sampleStandardDeviation', () => {
    const xs = [3.1, -0.4, 12.25, 7, 7, 0.001, 5.5, -9.75, 2.2, 100.125];
    const s = summarize(xs);
    expect(s.mean).toBeCloseTo(mean(xs), 12);
    expect(s.sd).toBeCloseTo(sampleStandardDeviation(xs), 12);
  });
});
