import jStat from 'jstat';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../src/stats/normal.js';
import { tCdf, tQuantile, tTwoSidedP } from '../../src/stats/student-t.js';

const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('t table values (two-sided critical values, any statistics textbook t table, 3 decimals)', () => {
  it.each([
    // [upper-tail probability p, df, tabled t_p]
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 5, 2.571],
    [0.975, 10, 2.228],
    [0.975, 30, 2.042],
    [0.975, 120, 1.98],
    [0.95, 20, 1.725],
    [0.995, 3, 5.841],
    [0.9995, 2, 31.599],
  ])('tQuantile(%f, %d) = %f', (p, df, t) => {
    expect(Math.abs(tQuantile(p, df) - t)).toBeLessThan(5e-4);
    expect(Math.abs(tQuantile(1 - p, df) + t)).toBeLessThan(5e-4);
  });

  it('two-sided p = 0.05 at t = 2.228, df = 10 (and 0.01 at t = 3.169)', () => {
    expect(tTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 4);
    expect(tTwoSidedP(-2.228, 10)).toBeCloseTo(0.05, 4);
    expect(tTwoSidedP(3.169, 10)).toBeCloseTo(0.01, 4);
  });
});

describe('closed forms for df = 1 (Cauchy) and df = 2', () => {
  // df = 1: F(t) = ½ + atan(t)/π, so P(|T| > t) = (2/π)·atan(1/t) and t_p = tan(π(p − ½)).
  it('df = 1: F(1) = 0.75 exactly, t_0.975 = tan(0.475π) = 12.7062047361747', () => {
    expect(tCdf(1, 1)).toBeCloseTo(0.75, 14);
    expect(tQuantile(0.75, 1)).toBeCloseTo(1, 13);
    expect(rel(tQuantile(0.975, 1), Math.tan(0.475 * Math.PI))).toBeLessThan(1e-13);
    for (const t of [-30, -2, -0.3, 0.7, 5]) {
      expect(tCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
    }
  });

  it('df = 1: far-tail two-sided p keeps relative precision, p(1e6) = (2/π)·atan(1e-6)', () => {
    const want = (2 / Math.PI) * Math.atan(1e-6); // ≈ 6.3662e-7
    expect(rel(tTwoSidedP(1e6, 1), want)).toBeLessThan(1e-12);
  });

  // df = 2: F(t) = ½ + t / (2√(t² + 2)), P(|T| > t) = 1 − t/√(t²+2) = 2 / (√(t²+2)(√(t²+2) + t)),
  // t_p = (2p − 1) / √(2p(1 − p)); e.g. t_0.975 = 0.95/√0.04875 = 4.302653.
  it('df = 2: CDF, quantile and tail match the closed form', () => {
    for (const t of [-4, -1, 0.5, 3]) expect(tCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(t * t + 2)), 14);
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      expect(rel(tQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-12);
    }
    const t = 1000;
    const s = Math.sqrt(t * t + 2);
    expect(rel(tTwoSidedP(t, 2), 2 / (s * (s + t)))).toBeLessThan(1e-12); // ≈ 1.0e-6
  });
});

describe('large df', () => {
  // Cornish–Fisher expansion of the t quantile in 1/ν (Abramowitz & Stegun 26.7.5):
  // t_p = z + g1/ν + g2/ν² + g3/ν³ + g4/ν⁴ with z = Φ⁻¹(p); truncation < 1e-14 for ν ≥ 1000.
  function cornishFisher(p: number, nu: number): number {
    const z = normalQuantile(p);
    const g1 = (z ** 3 + z) / 4;
    const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
    const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
    const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
    return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
  }

  it.each([1e3, 1e4, 1e5, 1e6, 5e6])('tQuantile matches A&S 26.7.5 at df = %d', (nu) => {
    for (const p of [0.9, 0.975, 0.995]) {
      expect(Math.abs(tQuantile(p, nu) - cornishFisher(p, nu))).toBeLessThan(1e-9);
    }
  });

  it('first-order check by hand: t_0.975(1e6) ≈ 1.959964 + (1.959964³ + 1.959964)/(4·10⁶) = 1.9599664', () => {
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.9599664, 7);
  });

  it('uses the normal distribution for df = Infinity and df > 1e7', () => {
    for (const df of [Infinity, 1e8]) {
      expect(tQuantile(0.975, df)).toBe(normalQuantile(0.975));
      expect(tCdf(-1.3, df)).toBe(normalCdf(-1.3));
      expect(tTwoSidedP(1.959963984540054, df)).toBeCloseTo(0.05, 14);
    }
  });

  it('at df = 1e7 (still t) the tail is heavier than the normal by the Cornish–Fisher amount', () => {
    // t_p ≈ z + (z³ + z)/(4ν), so P(|T| > z) ≈ P(|Z| > z)·(1 + φ(z)/Q(z) · (z³ + z)/(4ν)).
    // At z = 3, ν = 1e7: φ(3)/Q(3) = 0.0044318/0.0013499 = 3.2831 and (27 + 3)/(4e7) = 7.5e-7,
    // so the relative excess is ≈ 2.462e-6.
    const pT = tTwoSidedP(3, 1e7);
    const pZ = 2 * normalCdf(-3);
    expect((pT - pZ) / pZ).toBeCloseTo(2.462e-6, 8);
  });
});

describe('internal consistency', () => {
  it('tQuantile inverts tCdf to ~1e-12 across df and p, including p = 1e-20', () => {
    for (const df of [0.5, 1, 2.5, 5.748, 13.89, 30, 1000, 1e5]) {
      for (const p of [1e-20, 1e-6, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999]) {
        const q = tQuantile(p, df);
        const back = p < 0.5 ? tCdf(q, df) : 1 - tCdf(q, df);
        expect(rel(back, Math.min(p, 1 - p))).toBeLessThan(1e-9);
      }
    }
  });

  it('tTwoSidedP(t) = 2·tCdf(−|t|) and tCdf(−t) = 1 − tCdf(t)', () => {
    for (const [t, df] of [
      [0.4, 3],
      [2.954, 5.748],
      [-7, 40],
    ] as const) {
      expect(tTwoSidedP(t, df)).toBeCloseTo(2 * tCdf(-Math.abs(t), df), 14);
      expect(tCdf(-t, df)).toBeCloseTo(1 - tCdf(t, df), 14);
    }
  });

  it('agrees with jStat (good to ~1e-7) at moderate df', () => {
    for (const [t, df] of [
      [-2.1, 4],
      [1.3, 17.5],
      [-0.4, 60],
    ] as const) {
      expect(Math.abs(tCdf(t, df) - jStat.studentt.cdf(t, df))).toBeLessThan(1e-6);
    }
  });

  it('NOTES.md anchor: a Welch test with t = 3.988, df = 13.89 has p = 0.0013664 (t, df rounded there)', () => {
    expect(Math.abs(tTwoSidedP(3.988, 13.89) - 0.0013664)).toBeLessThan(2e-6);
  });
});

describe('edge cases', () => {
  it('returns NaN for NaN input or df ≤ 0', () => {
    expect(tCdf(NaN, 5)).toBeNaN();
    expect(tCdf(1, 0)).toBeNaN();
    expect(tCdf(1, -3)).toBeNaN();
    expect(tCdf(1, NaN)).toBeNaN();
    expect(tTwoSidedP(NaN, 5)).toBeNaN();
    expect(tTwoSidedP(2, 0)).toBeNaN();
    expect(tQuantile(NaN, 5)).toBeNaN();
    expect(tQuantile(0.5, -1)).toBeNaN();
    expect(tQuantile(1.2, 5)).toBeNaN();
  });

  it('has the right limits', () => {
    expect(tQuantile(0, 5)).toBe(-Infinity);
    expect(tQuantile(1, 5)).toBe(Infinity);
    expect(tQuantile(0.5, 5)).toBe(0);
    expect(tTwoSidedP(0, 5)).toBe(1);
    expect(tTwoSidedP(Infinity, 5)).toBe(0);
    expect(tCdf(Infinity, 5)).toBe(1);
    expect(tCdf(-Infinity, 5)).toBe(0);
  });
});
