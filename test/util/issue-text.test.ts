import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { issueSentence, showValue } from '../../src/util/issue-text.js';

/** The sentence for the first issue of parsing `value` with `schema`. */
const say = (subject: string, schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) throw new Error('expected a failure');
  return issueSentence(subject, r.error.issues[0]!);
};

describe('issueSentence', () => {
  it('states bounds with the value given', () => {
    expect(say('--students', z.number().int().min(50), 10)).toBe('--students must be at least 50 (got 10).');
    expect(say('--dirty', z.number().max(0.2), 0.5)).toBe('--dirty must be at most 0.2 (got 0.5).');
    expect(say('"x"', z.number().gt(0), 0)).toBe('"x" must be greater than 0 (got 0).');
    expect(say('"x"', z.number().lt(1), 1)).toBe('"x" must be less than 1 (got 1).');
  });

  it('names the kind of value wanted', () => {
    expect(say('--students', z.number().int(), 2.5)).toBe('--students must be a whole number (got 2.5).');
    expect(say('"seed"', z.number(), 'one')).toBe('"seed" must be a number (got "one").');
    expect(say('"sources"', z.object({}), 5)).toBe('"sources" must be a mapping of keys to values (got 5).');
    expect(say('"name"', z.object({ name: z.string() }), {})).toBe('"name" is required (text).');
  });

  it('lists every allowed value', () => {
    expect(say('--attendance', z.enum(['daily', 'summary']), 'weekly')).toBe('--attendance must be one of daily, summary (got "weekly").');
  });

  it("uses a schema's own format message, and says empty text is empty", () => {
    expect(say('"school_year_start"', z.string().regex(/^\d{2}-\d{2}$/, 'MM-DD'), '7-1')).toBe('"school_year_start" must be MM-DD (got "7-1").');
    expect(say('--out', z.string().min(1), '')).toBe('--out must not be empty.');
    expect(say('"pair"', z.tuple([z.number(), z.number()]), [1])).toBe('"pair" must have at least 2 items (got [1]).');
  });
});

describe('showValue', () => {
  it('quotes text, prints numbers bare and shortens long values', () => {
    expect(showValue('a')).toBe('"a"');
    expect(showValue(3)).toBe('3');
    expect(showValue(null)).toBe('null');
    expect(showValue('x'.repeat(100))).toHaveLength(60);
  });
});
