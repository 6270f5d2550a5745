import { describe, expect, it } from 'vitest';
import { logBeta, logGamma } from '../../src/stats/log-gamma.js';

/** ln(n!) = Σ_{k=2..n} ln k, computed the slow, obvious way. */
function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

describe('logGamma', () => {
  it('is 0 at 1 and 2 (Γ(1) = Γ(2) = 1)', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
  });

  it('gives ln √π at ½ (Γ(½) = √π)', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });

  it.each([5, 10, 11, 30, 101, 171])('equals ln((n−1)!) summed by hand at n = %d', (n) => {
    const want = logFactorial(n - 1);
    expect(Math.abs(logGamma(n) - want)).toBeLessThan(1e-13 * Math.max(1, want));
  });

  it('follows Γ(x + 1) = x Γ(x) at non-integers', () => {
    for (const x of [0.1, 0.9, 2.5, 7.3, 9.5, 9.99, 42.42]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(1e-13);
    }
  });

  it('is NaN for x ≤ 0 and NaN', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(NaN)).toBeNaN();
  });
});

describe('logBeta', () => {
  it('matches B(1,1) = 1, B(2,3) = 1/12, B(½,½) = π', () => {
    expect(Math.abs(logBeta(1, 1))).toBeLessThan(1e-14);
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });

  it('equals lnΓ(a) + lnΓ(b) − lnΓ(a+b) with integer factorials: B(20, 30) = 19! 29! / 49!', () => {
    const want = logFactorial(19) + logFactorial(29) - logFactorial(49);
    expect(Math.abs(logBeta(20, 30) - want)).toBeLessThan(1e-12);
  });

  // Γ(a + ½)/Γ(a) = √a (1 − 1/(8a) + 1/(128a²) + 5/(1024a³) − 21/(32768a⁴) + O(a⁻⁵)) (A&S 6.1.47), so
  // ln B(a, ½) = ½ ln π − ½ ln a − ln(that bracket); the truncation is < 1e-17 for a ≥ 1000.
  it.each([1e3, 5e6, 1e9])('keeps precision for large a: ln B(%d, ½) from the A&S 6.1.47 expansion', (a) => {
    const series = -1 / (8 * a) + 1 / (128 * a ** 2) + 5 / (1024 * a ** 3) - 21 / (32768 * a ** 4);
    const want = 0.5 * Math.log(Math.PI) - 0.5 * Math.log(a) - Math.log1p(series);
    expect(Math.abs(logBeta(a, 0.5) - want)).toBeLessThan(1e-13);
    expect(logBeta(0.5, a)).toBe(logBeta(a, 0.5));
  });
});
