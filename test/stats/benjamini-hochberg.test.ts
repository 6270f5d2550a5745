import { describe, expect, it } from 'vitest';
import { bhAdjust, bhSignificant } from '../../src/stats/benjamini-hochberg.js';

describe('bhAdjust (R p.adjust(method = "BH"))', () => {
  // METHODS.md §3 example, m = 8. Sorted ascending with (m/i)·p(i) and the running minimum from the top:
  //   i=8 .050 → .0500 | i=7 .044 → .050286 → .0500 | i=6 .038 → .050667 → .0500 | i=5 .031 → .0496
  //   i=4 .025 → .0500 → .0496 | i=3 .019 → .050667 → .0496 | i=2 .013 → .0520 → .0496 | i=1 .006 → .0480
  const p = [0.05, 0.038, 0.044, 0.031, 0.025, 0.006, 0.013, 0.019];
  const expected = [0.05, 0.05, 0.05, 0.0496, 0.0496, 0.048, 0.0496, 0.0496];

  it('reproduces the METHODS.md example in input order', () => {
    const adj = bhAdjust(p);
    expect(adj).toHaveLength(8);
    adj.forEach((a, i) => expect(a).toBeCloseTo(expected[i]!, 12));
  });

  it('flags all eight with ≤ .05, whereas a strict < would keep only 5 (METHODS.md)', () => {
    const adj = bhAdjust(p);
    expect(bhSignificant(adj)).toEqual(Array(8).fill(true));
    expect(adj.filter((a) => a < 0.05)).toHaveLength(5);
  });

  // R: p.adjust(c(.01, NA, .04), "BH") → 0.02 NA 0.04 (m = 2 non-missing: .04·2/2, .01·2/1).
  it('keeps NaN in place and does not count it in m', () => {
    const adj = bhAdjust([0.01, NaN, 0.04]);
    expect(adj[0]).toBeCloseTo(0.02, 15);
    expect(adj[1]).toBeNaN();
    expect(adj[2]).toBeCloseTo(0.04, 15);
  });

  // R: p.adjust(c(.01, .01, .04), "BH") → 0.015 0.015 0.040 (.04·3/3; .01·3/2 = .015; min(.01·3/1, .015)).
  it('gives tied p-values the same adjusted value', () => {
    const adj = bhAdjust([0.01, 0.04, 0.01]);
    expect(adj[0]).toBeCloseTo(0.015, 15);
    expect(adj[1]).toBeCloseTo(0.04, 15);
    expect(adj[2]).toBeCloseTo(0.015, 15);
  });

  // m = 3, p = {.02, .9, .5}: .9·3/3 = .9; .5·3/2 = .75; .02·3/1 = .06 → {.06, .9, .75}; all ≤ 1.
  it('is monotone in p and never below the raw p', () => {
    const adj = bhAdjust([0.02, 0.9, 0.5]);
    expect(adj[0]).toBeCloseTo(0.06, 15);
    expect(adj[1]).toBeCloseTo(0.9, 15);
    expect(adj[2]).toBeCloseTo(0.75, 15);
  });

  it('handles empty input, a single p, and all-NaN input', () => {
    expect(bhAdjust([])).toEqual([]);
    expect(bhAdjust([0.03])).toEqual([0.03]);
    const allNaN = bhAdjust([NaN, NaN]);
    expect(allNaN).toHaveLength(2);
    expect(allNaN.every(Number.isNaN)).toBe(true);
  });

  it('does not modify its input', () => {
    const input = [0.3, 0.01, 0.2];
    bhAdjust(input);
    expect(input).toEqual([0.3, 0.01, 0.2]);
  });
});

describe('bhSignificant', () => {
  it('uses ≤ alpha, and NaN is never significant', () => {
    expect(bhSignificant([0.05, 0.0500001, 0.01, NaN])).toEqual([true, false, true, false]);
  });

  it('takes another alpha', () => {
    expect(bhSignificant([0.05, 0.1, 0.11], 0.1)).toEqual([true, true, false]);
  });
});
