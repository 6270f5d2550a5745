import { describe, expect, it } from 'vitest';
import { improvementIndex } from '../../src/stats/improvement-index.js';

describe('improvementIndex (WWC: 100·(Φ(g) − 0.5))', () => {
  // z table: Φ(0.25) = 0.5987 → 9.87 percentile points; Φ(1) = 0.8413 → 34.13 (A&S 26.1: 0.841344746).
  it('converts g = 0.25 to 9.87 and g = 1 to 34.13 percentile points', () => {
    expect(improvementIndex(0.25, false)).toBeCloseTo(9.87, 2);
    expect(improvementIndex(1, false)).toBeCloseTo(34.1344746, 6);
    expect(improvementIndex(-1, false)).toBeCloseTo(-34.1344746, 6);
  });

  it('flips the sign for lower-is-better outcomes so favourable is positive', () => {
    expect(improvementIndex(0.25, true)).toBeCloseTo(-9.87, 2);
    expect(improvementIndex(-0.25, true)).toBeCloseTo(9.87, 2);
  });

  it('is 0 (not −0) at g = 0 either way, and bounded by ±50', () => {
    expect(Object.is(improvementIndex(0, true), 0)).toBe(true);
    expect(Object.is(improvementIndex(0, false), 0)).toBe(true);
    expect(improvementIndex(40, false)).toBe(50);
    expect(improvementIndex(40, true)).toBe(-50);
  });

  it('passes NaN through', () => {
    expect(improvementIndex(NaN, false)).toBeNaN();
    expect(improvementIndex(NaN, true)).toBeNaN();
  });
});
