import { writeFileSync } from 'node:fs';

/** A CSV value: quoted when it holds a comma, quote or line break. */
export function csvQuote(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A plain decimal number, as text: `-0.25`, `+3`, `1e-5`. A spreadsheet reads it as that number, never as a formula. */
const NUMBER_LITERAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Text that a spreadsheet would run as a formula (OWASP CSV injection): a leading =, +, -, @, tab or CR, unless the
 * whole text is a plain number (`-0.25` stays a number; `-2+3` is a formula).
 */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s) && !NUMBER_LITERAL.test(s);
}

/**
 * A CSV cell of an output file: text that looks like a spreadsheet formula gets a leading apostrophe so a
 * spreadsheet shows it as text (numbers are written as numbers), then it is quoted as needed.
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  return typeof v === 'string' && looksLikeFormula(v) ? csvQuote(`'${v}`) : csvQuote(v);
}

/** Write rows as a CSV file of output cells. */
export function writeCsv(path: string, header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): void {
  writeFileSync(path, [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n');
}

/** SQL over a VARCHAR expression that neutralises a formula-looking value the same way as `csvCell`, for COPY … TO CSV. */
export function csvCellSql(expr: string): string {
  const formula = `regexp_matches(${expr}, '^[=+\\-@\\t\\r]') AND NOT regexp_matches(${expr}, '${NUMBER_LITERAL.source}')`;
  return `CASE WHEN ${formula} THEN '''' || ${expr} ELSE ${expr} END`;
}
