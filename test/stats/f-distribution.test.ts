import { describe, expect, it } from 'vitest';
import { fSurvival } from '../../src/stats/f-distribution.js';
import { tTwoSidedP } from '../../src/stats/student-t.js';

describe('fSurvival', () => {
  it('is 0.05 at R qf(0.95, 2, 10) = 4.1028210151304005', () => {
    expect(fSurvival(4.1028210151304005, 2, 10)).toBeCloseTo(0.05, 12);
  });
  it('matches R pf(3, 4, 7, lower.tail = FALSE) = 0.097449983691402065', () => {
    expect(fSurvival(3, 4, 7)).toBeCloseTo(0.097449983691402065, 12);
  });
  it('F(1, d) at t² equals the two-sided t(d) p-value', () => {
    expect(fSurvival(2.5 ** 2, 1, 9)).toBeCloseTo(tTwoSidedP(2.5, 9), 12);
  });
  it('is 1 at 0 and NaN for invalid df', () => {
    expect(fSurvival(0, 2, 5)).toBe(1);
    expect(fSurvival(1, 0, 5)).toBeNaN();
  });
});
