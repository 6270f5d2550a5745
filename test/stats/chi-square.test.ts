import { describe, it, expect } from 'vitest';
import { chiSquareSurvival } from '../../src/stats/chi-square.js';

describe('chi-square upper tail', () => {
  // critical values from any chi-square table (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.4)
  it.each([
    [3.841459, 1, 0.05],
    [5.991465, 2, 0.05],
    [11.070498, 5, 0.05],
    [6.634897, 1, 0.01],
    [23.209251, 10, 0.01],
  ])('P(χ² > %f; df %i) = %f (table value)', (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 6);
  });

  it('equals the closed form for df = 2: exp(−x/2)', () => {
    // hand computation: for df = 2 the chi-square is exponential with mean 2
    expect(chiSquareSurvival(3, 2)).toBeCloseTo(Math.exp(-1.5), 12);
    expect(chiSquareSurvival(0, 4)).toBe(1);
  });
});
