import { describe, expect, it } from 'vitest';
import { seRule } from '../../src/estimate/se-rule.js';

describe('seRule', () => {
  it('CR2 below the threshold, CR1 at and above it', () => {
    expect(seRule(11, 40)).toBe('CR2');
    expect(seRule(39, 40)).toBe('CR2');
    expect(seRule(40, 40)).toBe('CR1');
    expect(seRule(61, 40)).toBe('CR1');
  });
});
