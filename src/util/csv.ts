import { writeFileSync } from 'node:fs';

/** A CSV value: quoted when it holds a comma, quote or line break. */
export function csvQuote(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Text that a spreadsheet would run as a formula (OWASP CSV injection: a leading =, +, -, @, tab or CR). */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s);
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
  return `CASE WHEN regexp_matches(${expr}, '^[=+\\-@\\t\\r]') THEN '''' || ${expr} ELSE ${expr} END`;
}
