import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta as ibeta } from '../../src/stats/incomplete-beta.js';

describe('regularizedIncompleteBeta', () => {
  // Closed forms: I_x(1,1) = x; I_x(a,1) = x^a; I_x(1,b) = 1 − (1−x)^b; I_x(2,2) = 3x² − 2x³.
  it('matches the closed forms for small integer parameters', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      expect(ibeta(x, 1, 1)).toBeCloseTo(x, 14);
      expect(ibeta(x, 3, 1)).toBeCloseTo(x ** 3, 14);
      expect(ibeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 14);
      expect(ibeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 14);
    }
  });

  it('is ½ at x = ½ when a = b (symmetry); error grows like (a + b)·1e-16 for large a and b', () => {
    for (const a of [0.3, 1, 7.5]) expect(Math.abs(ibeta(0.5, a, a) - 0.5)).toBeLessThan(1e-14);
    for (const a of [1000, 1e6]) expect(Math.abs(ibeta(0.5, a, a) - 0.5)).toBeLessThan(1e-15 * (2 * a));
  });

  it('satisfies I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    for (const [x, a, b] of [
      [0.3, 2.5, 7],
      [0.9, 0.5, 40],
      [0.05, 12, 0.5],
    ] as const) {
      expect(ibeta(x, a, b) + ibeta(1 - x, b, a)).toBeCloseTo(1, 14);
    }
  });

  it('keeps tiny tails relative: I_x(a,1) = x^a at x = 1e-3, a = 30', () => {
    const want = 1e-90;
    expect(Math.abs(ibeta(1e-3, 30, 1) - want) / want).toBeLessThan(1e-12);
  });

  it('returns the endpoints and NaN for invalid input', () => {
    expect(ibeta(0, 2, 3)).toBe(0);
    expect(ibeta(1, 2, 3)).toBe(1);
    expect(ibeta(-0.1, 2, 3)).toBeNaN();
    expect(ibeta(0.5, 0, 3)).toBeNaN();
    expect(ibeta(NaN, 2, 3)).toBeNaN();
  });
});
