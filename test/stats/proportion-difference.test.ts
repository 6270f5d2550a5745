import { describe, expect, it } from 'vitest';
import { proportionDifference } from '../../src/stats/proportion-difference.js';

describe('proportionDifference', () => {
  // p_t = .60 of 100, p_c = .50 of 100:
  // se = √(.6·.4/100 + .5·.5/100) = √(.0024 + .0025) = √.0049 = .07
  // z = .10/.07 = 1.428571; two-sided p = 2·Q(1.428571) = 0.1531275 (z table Q(1.43) = .0764 → ≈ .153;
  // scipy 2·norm.sf(1/0.7) = 0.15312745102)
  // 95% CI = .10 ± 1.959964 × .07 = .10 ± .1371975 → (−.0371975, .2371975)
  it('reproduces the hand computation with the unpooled Wald SE', () => {
    const r = proportionDifference({ n: 100, p: 0.6 }, { n: 100, p: 0.5 });
    expect(r.estimate).toBeCloseTo(0.1, 15);
    expect(r.se).toBeCloseTo(0.07, 15);
    expect(r.df).toBe(Infinity);
    expect(r.statistic).toBeCloseTo(1.428571, 6);
    expect(r.p_value).toBeCloseTo(0.15312745102, 10);
    expect(r.ci_low).toBeCloseTo(-0.0371975, 7);
    expect(r.ci_high).toBeCloseTo(0.2371975, 7);
  });

  it('is unpooled, not pooled: unequal n changes se as √(p_t q_t/n_t + p_c q_c/n_c)', () => {
    // p_t = .2 of 50, p_c = .4 of 200: se = √(.16/50 + .24/200) = √(.0032 + .0012) = √.0044 = .0663325
    // (the pooled SE would be √(.36·.64·(1/50 + 1/200)) = √.00576 = .0758947)
    const r = proportionDifference({ n: 50, p: 0.2 }, { n: 200, p: 0.4 });
    expect(r.estimate).toBeCloseTo(-0.2, 15);
    expect(r.se).toBeCloseTo(Math.sqrt(0.0044), 15);
    expect(r.statistic).toBeCloseTo(-0.2 / Math.sqrt(0.0044), 12); // −3.015113
  });

  it('uses the 90% normal multiplier 1.644854 when level = 0.9', () => {
    const r = proportionDifference({ n: 100, p: 0.6 }, { n: 100, p: 0.5 }, 0.9);
    expect(r.ci_high - r.estimate).toBeCloseTo(1.6448536269514722 * 0.07, 12);
  });

  it('returns NaN statistic, CI and p when se = 0 (both proportions 0 or 1)', () => {
    for (const [pt, pc] of [
      [0, 0],
      [1, 0],
      [1, 1],
    ]) {
      const r = proportionDifference({ n: 30, p: pt! }, { n: 40, p: pc! });
      expect(r.estimate).toBe(pt! - pc!);
      expect(r.se).toBe(0);
      expect(r.statistic).toBeNaN();
      expect(r.p_value).toBeNaN();
      expect(r.ci_low).toBeNaN();
      expect(r.ci_high).toBeNaN();
    }
  });

  it('still works when only one group is degenerate (p_c = 0): se = √(.1·.9/100) = .03', () => {
    const r = proportionDifference({ n: 100, p: 0.1 }, { n: 100, p: 0 });
    expect(r.se).toBeCloseTo(0.03, 15);
    expect(r.statistic).toBeCloseTo(0.1 / 0.03, 12);
    expect(Number.isFinite(r.p_value)).toBe(true);
  });

  it('returns NaN when a group is empty (n = 0)', () => {
    const r = proportionDifference({ n: 0, p: NaN }, { n: 10, p: 0.5 });
    expect(r.p_value).toBeNaN();
    expect(r.ci_low).toBeNaN();
  });
});
