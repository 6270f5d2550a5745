import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';

/** The CSV and Parquet files directly in a folder, sorted by name. */
export function listExtractFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => /\.(csv|parquet)$/i.test(f))
    .map((f) => join(folder, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/**
 * A FROM item giving a file's columns as text. Lines the CSV parser cannot read are skipped here: the
 * guesses only need the values, and `hve validate` reports those lines as malformed rows.
 */
export function fileFrom(file: string): string {
  return /\.parquet$/i.test(file)
    ? `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${lit(file)}))`
    : `read_csv(${lit(file)}, header = true, all_varchar = true, ignore_errors = true)`;
}

/** A file's headers, in file order. */
export async function readHeaders(conn: DuckDBConnection, file: string): Promise<string[]> {
  const rows = await queryRows<{ column_name: string }>(conn, `SELECT column_name FROM (DESCRIBE SELECT * FROM ${fileFrom(file)})`);
  return rows.map((r) => r.column_name);
}

/** The trimmed, non-empty text of a column, as SQL over `fileFrom`. */
function valueOf(header: string): string {
  return `NULLIF(trim(${ident(header)}), '')`;
}

/** A column's most common non-empty values with their row counts, at most `limit` of them (a bounded GROUP BY in DuckDB). */
export async function topValues(
  conn: DuckDBConnection,
  file: string,
  header: string,
  limit = 50,
): Promise<{ values: { value: string; rows: number }[]; more: boolean }> {
  const rows = await queryRows<{ value: string; rows: number }>(
    conn,
    `SELECT ${valueOf(header)} AS value, count(*)::BIGINT AS rows FROM ${fileFrom(file)}
     WHERE ${valueOf(header)} IS NOT NULL GROUP BY 1 ORDER BY rows DESC, value LIMIT ${limit + 1}`,
  );
  return { values: rows.slice(0, limit), more: rows.length > limit };
}

/** Up to `limit` distinct non-empty values of one column, as the SQL of a one-column table `v`. */
export function distinctSampleSql(file: string, header: string, limit: number): string {
  return `SELECT DISTINCT ${valueOf(header)} AS v FROM ${fileFrom(file)} WHERE ${valueOf(header)} IS NOT NULL LIMIT ${limit}`;
}
