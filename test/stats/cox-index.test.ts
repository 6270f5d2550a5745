import { describe, expect, it } from 'vitest';
import { coxIndex, oddsRatio } from '../../src/stats/cox-index.js';

describe('oddsRatio', () => {
  it('is [p_t/(1−p_t)]/[p_c/(1−p_c)]: (.6/.4)/(.5/.5) = 1.5 and (.2/.8)/(.5/.5) = .25', () => {
    expect(oddsRatio(0.6, 0.5)).toBeCloseTo(1.5, 14);
    expect(oddsRatio(0.2, 0.5)).toBeCloseTo(0.25, 14);
    expect(oddsRatio(0.3, 0.3)).toBeCloseTo(1, 14);
  });

  it('is NaN (not 0 or Infinity) at 0 or 1', () => {
    for (const [a, b] of [
      [0, 0.5],
      [1, 0.5],
      [0.5, 0],
      [0.5, 1],
    ]) {
      expect(oddsRatio(a!, b!)).toBeNaN();
    }
  });
});

describe('coxIndex (WWC Procedures Handbook: d = ω·ln(OR)/1.65)', () => {
  // p_t = .6, p_c = .5, n_t = n_c = 50: OR = 1.5, ln 1.5 = 0.405465; ln(OR)/1.65 = 0.245736;
  // N = 100 → ω = 1 − 3/391 = 0.992327; d = 0.992327 × 0.245736 = 0.243851.
  it('reproduces the hand computation d = 0.243851', () => {
    expect(coxIndex(0.6, 0.5, 50, 50)).toBeCloseTo(((388 / 391) * Math.log(1.5)) / 1.65, 14);
    expect(coxIndex(0.6, 0.5, 50, 50)).toBeCloseTo(0.243851, 6);
  });

  // p_t = .2, p_c = .5, n_t = 20, n_c = 30: ln(.25) = −1.386294; /1.65 = −0.840178;
  // N = 50 → ω = 1 − 3/191 = 0.984293; d = −0.826982.
  it('is negative when the treated proportion is lower: d = −0.826982', () => {
    expect(coxIndex(0.2, 0.5, 20, 30)).toBeCloseTo(-0.826982, 6);
  });

  it('is antisymmetric in the two proportions and 0 when they are equal', () => {
    expect(coxIndex(0.5, 0.6, 50, 50)).toBeCloseTo(-coxIndex(0.6, 0.5, 50, 50), 14);
    expect(coxIndex(0.37, 0.37, 10, 12)).toBe(0);
  });

  it('returns NaN, never ±Infinity, when either proportion is 0 or 1', () => {
    for (const [pt, pc] of [
      [0, 0.4],
      [1, 0.4],
      [0.4, 0],
      [0.4, 1],
      [0, 1],
    ]) {
      const d = coxIndex(pt!, pc!, 40, 40);
      expect(d).toBeNaN();
    }
    expect(coxIndex(NaN, 0.4, 40, 40)).toBeNaN();
  });
});
