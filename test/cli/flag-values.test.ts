import { describe, it, expect } from 'vitest';
import { flagValueProblem, type OptionTypes } from '../../src/cli/flag-values.js';

const types: OptionTypes = { number: ['students', 'min-cell'], string: ['out', 'pipeline'], array: [] };

describe('flagValueProblem', () => {
  it('says a number option given text must be a number, quoting what was typed', () => {
    expect(flagValueProblem({ students: NaN }, types, ['generate', '--students', 'abc'])).toBe('--students must be a number (got "abc").');
    expect(flagValueProblem({ 'min-cell': NaN }, types, ['compare', '--min-cell=ten'])).toBe('--min-cell must be a number (got "ten").');
  });

  it('says an option typed without a value needs one', () => {
    expect(flagValueProblem({ students: undefined }, types, ['generate', '--students'])).toBe('--students needs a value (a number).');
    expect(flagValueProblem({ students: NaN, out: 'x' }, types, ['generate', '--students', '--out', 'x'])).toBe('--students needs a value (a number).');
    expect(flagValueProblem({ out: '' }, types, ['generate', '--out'])).toBe('--out needs a value.');
  });

  it('says an option given twice should be given once', () => {
    expect(flagValueProblem({ students: [100, 200] }, types, ['generate', '--students', '100', '--students', '200'])).toBe('--students is given 2 times (100, 200); give it once.');
  });

  it('lets good values, defaults and positionals through', () => {
    expect(flagValueProblem({ students: 100, out: 'x', pipeline: 'p.yaml' }, types, ['generate', '--students', '100', '--out', 'x'])).toBeUndefined();
    expect(flagValueProblem({ students: 5000 }, types, ['generate'])).toBeUndefined();
    expect(flagValueProblem({ students: -5 }, types, ['generate', '--students', '-5'])).toBeUndefined();
  });
});
