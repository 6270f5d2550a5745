import type { z } from 'zod';

const KIND: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  tuple: 'a list',
  record: 'a mapping of keys to values',
};

/** A value as a user would recognise it in a message: strings quoted, lists and mappings as short JSON. */
export function showValue(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** What a zod issue asks of a value, as a phrase to follow its name: "must be at least 1 (got 0)", "is required". */
export function issueRequirement(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${showValue(issue.input)})` : '';
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return `is required (${KIND[issue.expected] ?? issue.expected})`;
      return `must be ${KIND[issue.expected] ?? issue.expected}${got}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}${got}`;
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return issue.minimum === 1 ? `must not be empty` : `must be at least ${min} characters long${got}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${issue.inclusive ? 'at least' : 'more than'} ${min} items${got}`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${min}${got}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${max} characters long${got}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${issue.inclusive ? 'at most' : 'fewer than'} ${max} items${got}`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${max}${got}`;
    }
    case 'invalid_format':
      // a schema's own message names the format ("MM-DD"); zod's default one does not
      return /^Invalid /.test(issue.message) ? `is not in the expected format${got}` : `must be ${issue.message}${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}${got}`;
    default:
      return `is not valid: ${issue.message.replace(/^Invalid input: /, '')}`;
  }
}

/** One sentence for a zod issue about a named thing: `${subject} ${requirement}.` (e.g. "--students must be at least 50 (got 10)."). */
export function issueSentence(subject: string, issue: z.core.$ZodIssue): string {
  return `${subject} ${issueRequirement(issue)}.`;
}
