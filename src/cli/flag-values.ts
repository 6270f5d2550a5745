/** The option types yargs reports for the running command (its `getOptions()`), as far as this check needs them. */
export interface OptionTypes {
  number: readonly string[];
  string: readonly string[];
  array: readonly string[];
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Where an option was typed: the index of its token, and the value given with `=`, if any. */
function findFlag(tokens: readonly string[], key: string): { at: number; inline?: string } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '--') return undefined;
    const m = /^--([^=]+)(?:=(.*))?$/.exec(t);
    if (m && (m[1] === key || m[1] === camel(key))) return m[2] === undefined ? { at: i } : { at: i, inline: m[2] };
  }
  return undefined;
}

/**
 * The first problem yargs lets through with a typed option value, as one sentence, or undefined: a number
 * option given text (yargs makes it NaN) or nothing, a text option given nothing, or any option given twice.
 */
export function flagValueProblem(argv: Record<string, unknown>, types: OptionTypes, tokens: readonly string[]): string | undefined {
  const keys = [...new Set([...types.number, ...types.string])].filter((k) => !types.array.includes(k));
  for (const key of keys) {
    const where = findFlag(tokens, key);
    if (!where) continue;
    const v = argv[key];
    const raw = where.inline ?? tokens[where.at + 1];
    if (Array.isArray(v)) return `--${key} is given ${v.length} times (${v.map(String).join(', ')}); give it once.`;
    if (types.number.includes(key)) {
      if (v === undefined || (where.inline === undefined && (raw === undefined || raw.startsWith('--')))) return `--${key} needs a value (a number).`;
      if (typeof v === 'number' && Number.isNaN(v)) return `--${key} must be a number (got "${raw ?? ''}").`;
    } else if (v === '' && where.inline === undefined) return `--${key} needs a value.`;
  }
  return undefined;
}
