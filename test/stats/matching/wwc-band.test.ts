import { describe, expect, it } from 'vitest';
import { wwcBand } from '../../../src/stats/matching/index.js';

describe('wwcBand (WWC baseline equivalence on |es|)', () => {
  it('closes each band at its upper bound: 0.05 satisfied, 0.25 adjustment required, 0.2501 not satisfied', () => {
    expect(wwcBand(0)).toBe('satisfied');
    expect(wwcBand(0.05)).toBe('satisfied');
    expect(wwcBand(0.0501)).toBe('adjustment_required');
    expect(wwcBand(0.25)).toBe('adjustment_required');
    expect(wwcBand(0.2501)).toBe('not_satisfied');
    expect(wwcBand(3)).toBe('not_satisfied');
  });

  it('uses the absolute value', () => {
    expect(wwcBand(-0.05)).toBe('satisfied');
    expect(wwcBand(-0.25)).toBe('adjustment_required');
    expect(wwcBand(-0.2501)).toBe('not_satisfied');
  });

  it("is 'undefined' for null, NaN and ±Infinity", () => {
    expect(wwcBand(null)).toBe('undefined');
    expect(wwcBand(NaN)).toBe('undefined');
    expect(wwcBand(Infinity)).toBe('undefined');
    expect(wwcBand(-Infinity)).toBe('undefined');
  });
});
