import { describe, it, expect } from 'vitest';
import { editDistance, maxTypoDistance, nearestName } from '../../src/util/nearest-name.js';

describe('editDistance (optimal string alignment)', () => {
  it('kitten → sitting is 3 (k→s, e→i, insert g), the textbook Levenshtein example', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('counts every character of the other string against an empty one', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('counts a swap of two adjacent characters as one edit (Levenshtein would count 2)', () => {
    expect(editDistance('ca', 'ac')).toBe(1);
    expect(editDistance('quite', 'quiet')).toBe(1);
  });

  it('does not edit a substring twice: CA → ABC is 3 under OSA (2 under unrestricted Damerau–Levenshtein), as on Wikipedia', () => {
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('counts the typos a user makes in pipeline keys: one deletion, two deletions', () => {
    expect(editDistance('colums', 'columns')).toBe(1);
    expect(editDistance('outcome_yr', 'outcome_year')).toBe(2);
  });

  it('ignores case', () => {
    expect(editDistance('Outcome_Year', 'outcome_year')).toBe(0);
  });
});

describe('nearestName', () => {
  const top = ['name', 'site', 'state', 'outcome_year', 'school_year_start', 'seed', 'sources', 'definitions', 'comparison', 'analysis', 'privacy', 'output'];

  it('allows a third of the typed length, at least one edit', () => {
    expect([1, 2, 5, 6, 12].map(maxTypoDistance)).toEqual([1, 1, 1, 2, 4]);
  });

  it('suggests the key a typo most likely meant', () => {
    expect(nearestName('outcome_yr', top)).toBe('outcome_year');
    expect(nearestName('colums', ['path', 'format', 'delimiter', 'columns', 'values', 'date_format'])).toBe('columns');
    expect(nearestName('quite', ['help', 'version', 'quiet'])).toBe('quiet');
  });

  it('suggests nothing when no candidate is close relative to the length', () => {
    expect(nearestName('zzzz', top)).toBeUndefined();
    // 6 letters allow 2 edits: abcdxy (2 substitutions) is close, abcxyz (3) is not
    expect(nearestName('abcdef', ['abcxyz'])).toBeUndefined();
    expect(nearestName('abcdef', ['abcxyz', 'abcdxy'])).toBe('abcdxy');
    expect(nearestName('foo', ['generate', 'validate', 'run', 'demo', 'compare', 'figures', 'report'])).toBeUndefined();
  });

  it('keeps the first of equally near candidates and prefers a nearer later one', () => {
    expect(nearestName('cat', ['bat', 'hat'])).toBe('bat');
    expect(nearestName('abcdef', ['abcdxy', 'abcdex'])).toBe('abcdex'); // 2 edits, then 1
  });
});
