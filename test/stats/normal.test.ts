import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../src/stats/normal.js';

/** |got − want| / |want| */
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('normalCdf', () => {
  it('is 0.5 at 0 by symmetry', () => {
    expect(normalCdf(0)).toBe(0.5);
  });

  // Abramowitz & Stegun (1964) Table 26.1, P(x) to 15 decimals.
  it.each([
    [1, 0.841344746068543],
    [2, 0.977249868051821],
    [3, 0.99865010196837],
  ])('matches A&S Table 26.1: P(%d) = %f', (z, want) => {
    expect(Math.abs(normalCdf(z) - want)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(-z) - (1 - want))).toBeLessThan(1e-15);
  });

  it('gives 0.975 at the textbook z = 1.959964 (two-sided 5%)', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14); // z-table: 0.9750
  });

  // Lower-tail values far out, where 1 − erf(x) would lose all digits. Reference: mpmath.ncdf at
  // 30 significant digits (A&S 26.2 gives Q(5) = 2.8665157187919e-7).
  it.each([
    [-5, 2.8665157187919391e-7],
    [-8, 6.2209605742717841e-16],
    [-10, 7.619853024160526e-24],
    [-20, 2.7536241186062337e-89],
    [-37.3, 8.2054948449307733e-305],
  ])('keeps relative precision in the far lower tail, Φ(%d)', (z, want) => {
    expect(rel(normalCdf(z), want)).toBeLessThan(2e-15);
  });

  it('handles infinities and NaN', () => {
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(-40)).toBe(0); // Φ(−40) ≈ 3.7e−350 underflows
    expect(normalCdf(NaN)).toBeNaN();
  });
});

describe('normalQuantile', () => {
  // z-table critical values: 1.959964 (97.5%), 2.575829 (99.5%), 1.644854 (95%), 1.281552 (90%).
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.95, 1.6448536269514722],
    [0.9, 1.2815515655446004],
  ])('gives the z-table critical value at p = %f', (p, z) => {
    expect(rel(normalQuantile(p), z)).toBeLessThan(1e-15);
    expect(rel(normalQuantile(1 - p), -z)).toBeLessThan(1e-14);
  });

  it('is 0 at the median and ±Infinity at 0 / 1, NaN outside [0, 1]', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });

  // R: qnorm(1e-10) = -6.361341, qnorm(1e-300) = -37.04710 (mpmath: -6.3613409024040557, -37.047096299361198).
  it('is accurate deep in the tail (R qnorm / mpmath)', () => {
    expect(rel(normalQuantile(1e-10), -6.3613409024040557)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(1e-300), -37.047096299361198)).toBeLessThan(1e-14);
  });

  // Round-trip error is amplified by the condition number z²: 37² · 1e-16 ≈ 1.4e-13 at p = 1e-300.
  it('inverts normalCdf from p = 1e-300 to 0.5', () => {
    for (const p of [1e-300, 1e-100, 1e-20, 1e-8, 1e-3, 0.01, 0.1, 0.25, 0.4, 0.49, 0.5]) {
      expect(rel(normalCdf(normalQuantile(p)), p)).toBeLessThan(5e-13);
    }
  });
});
