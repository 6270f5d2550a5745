import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne } from '../util/duckdb.js';
import { lit } from '../util/sql.js';
import { distinctSampleSql } from './sample-source.js';

/** Date formats tried, in order of preference (null = ISO YYYY-MM-DD, the default, which needs no date_format). */
export const DATE_FORMATS: readonly (string | null)[] = [
  null,
  '%m/%d/%Y',
  '%d/%m/%Y',
  '%Y%m%d',
  '%m/%d/%y',
  '%d.%m.%Y',
  '%m-%d-%Y',
  '%Y/%m/%d',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %H:%M:%S',
];

/** The format guessed for a source's dates, with how well it fits the sample. */
export interface DateFormatGuess {
  /** null: ISO, no date_format needed */
  format: string | null;
  parsed: number;
  sampled: number;
  /** another format reads the sample as well (e.g. every day ≤ 12 fits both %m/%d/%Y and %d/%m/%Y) */
  ambiguousWith?: string | null;
}

/** SQL that is true when the text `v` reads as a date in `format` with a plausible year (%Y also reads `16` as the year 16). */
function parses(format: string | null): string {
  const date = format === null ? 'TRY_CAST(v AS DATE)' : `try_strptime(v, ${lit(format)})`;
  return `coalesce(year(${date}) BETWEEN 1900 AND 2100, false)`;
}

/**
 * Guess the date_format of a source from up to `limit` distinct values of each of its date columns: the first
 * format of DATE_FORMATS that reads the most sampled values (all of them, when one does). Counted in DuckDB.
 * Undefined when the columns hold no values.
 */
export async function guessDateFormat(
  conn: DuckDBConnection,
  file: string,
  headers: readonly string[],
  limit = 200,
): Promise<DateFormatGuess | undefined> {
  if (!headers.length) return undefined;
  const sample = headers.map((h) => `(${distinctSampleSql(file, h, limit)})`).join(' UNION ALL ');
  const counts = DATE_FORMATS.map((f, i) => `count(*) FILTER (WHERE ${parses(f)})::INTEGER AS f${i}`).join(', ');
  const row = (await queryOne<Record<string, number>>(conn, `SELECT count(*)::INTEGER AS n, ${counts} FROM (${sample})`))!;
  if (!row.n) return undefined;
  const scores = DATE_FORMATS.map((_, i) => row[`f${i}`]!);
  const best = scores.indexOf(Math.max(...scores));
  const tie = scores.findIndex((s, i) => i !== best && s === scores[best] && s > 0);
  return {
    format: DATE_FORMATS[best]!,
    parsed: scores[best]!,
    sampled: row.n,
    ...(tie >= 0 ? { ambiguousWith: DATE_FORMATS[tie]! } : {}),
  };
}
