import { describe, expect, it } from 'vitest';
import { percentileRatioInterval, sortedQuantile } from '../../src/stats/index.js';

describe('sortedQuantile', () => {
  it("is R's quantile(type = 7)", () => {
    // quantile(1:100, c(0.05, 0.95)) = 5.95, 95.05 (h = 99·p: 4.95 → 5 + 0.95; 94.05 → 95 + 0.05)
    const x = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(sortedQuantile(x, 0.05)).toBeCloseTo(5.95, 12);
    expect(sortedQuantile(x, 0.95)).toBeCloseTo(95.05, 12);
    expect(sortedQuantile([3, 7], 0.5)).toBe(5);
    expect(sortedQuantile([], 0.5)).toBeNaN();
  });
});

describe('percentileRatioInterval', () => {
  const draws = Array.from({ length: 100 }, (_, i) => i + 1);

  it('maps the draws percentile interval through numerator/x when it excludes 0', () => {
    // 90%: the draws' interval is [5.95, 95.05], so 10/x gives [10/95.05, 10/5.95] = [0.10521, 1.68067]
    expect(percentileRatioInterval(10, draws, 0.9)).toEqual({
      kind: 'bounded',
      low: expect.closeTo(10 / 95.05, 12),
      high: expect.closeTo(10 / 5.95, 12),
    });
    // a negative numerator: [−10/5.95, −10/95.05]
    expect(percentileRatioInterval(-10, draws, 0.9)).toEqual({
      kind: 'bounded',
      low: expect.closeTo(-10 / 5.95, 12),
      high: expect.closeTo(-10 / 95.05, 12),
    });
    // negative draws −1..−100: [−10/5.95, −10/95.05] for numerator 10
    expect(percentileRatioInterval(10, draws.map((d) => -d), 0.9)).toEqual({
      kind: 'bounded',
      low: expect.closeTo(-10 / 5.95, 12),
      high: expect.closeTo(-10 / 95.05, 12),
    });
  });

  it('uses the interval of the draws, not the percentiles of ratios that jump across a pole', () => {
    // draws −3 and 1..99: the 90% interval of the draws is [h = 4.95: 4 + 0.95 = 4.95, h = 94.05: 94 + 0.05 = 94.05];
    // the ratio draw 10/−3 < 0 is in the tail and does not drag the lower end below 0
    const withPole = [-3, ...Array.from({ length: 99 }, (_, i) => i + 1)];
    expect(percentileRatioInterval(10, withPole, 0.9)).toEqual({
      kind: 'bounded',
      low: expect.closeTo(10 / 94.05, 12),
      high: expect.closeTo(10 / 4.95, 12),
    });
  });

  it('is unbounded when the draws percentile interval contains 0', () => {
    const crossing = Array.from({ length: 100 }, (_, i) => i - 10); // −10..89: 5th percentile −5.05
    expect(percentileRatioInterval(10, crossing, 0.9)).toEqual({ kind: 'unbounded' });
    expect(percentileRatioInterval(10, [0, 0, 0], 0.9)).toEqual({ kind: 'unbounded' });
  });

  it('leaves out non-finite draws and needs two finite ones', () => {
    expect(percentileRatioInterval(10, [NaN, ...draws, NaN], 0.9)).toEqual(percentileRatioInterval(10, draws, 0.9));
    expect(percentileRatioInterval(10, [NaN, 5], 0.9)).toEqual({ kind: 'unbounded' });
  });
});
