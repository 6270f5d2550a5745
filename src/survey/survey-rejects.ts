/** The rejected survey rows as `rejects/surveys.csv` (restricted: raw rows hold respondent, educator and student IDs). */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne, queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';
import { csvCellSql } from '../util/csv.js';

/**
 * Write every row the survey stage rejected to `<dir>/surveys.csv`: source_file, source_line, reason, the file's
 * columns as read, and raw_line for a line the CSV reader could not parse (malformed_row), owner-only (0600). Returns the path, or
 * null when no survey file was read on this connection.
 */
export async function writeSurveyRejects(conn: DuckDBConnection, dir: string, shownAs: string): Promise<string | null> {
  const has = async (t: string) => (await queryOne<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = ${lit(t)}`))!.n > 0;
  if (!(await has('survey_checked')) || !(await has('survey_raw'))) return null;
  const raw = (await queryRows<{ column_name: string }>(conn, 'SELECT column_name FROM (DESCRIBE survey_raw)')).map((c) => c.column_name).filter((c) => c !== 'line__');
  const cell = (x: string) => csvCellSql(`${x}::VARCHAR`);
  const cols = raw.map((c) => `${cell(`c.${ident(c)}`)} AS ${ident(c)}`);
  const malformed = (await has('rej_err_survey'))
    ? `UNION ALL SELECT ${lit(shownAs)}, line::BIGINT, 'malformed_row', ${raw.map((c) => `NULL AS ${ident(c)}`).join(', ')}${raw.length ? ', ' : ''}${cell('any_value(csv_line)')} FROM rej_err_survey GROUP BY line`
    : '';
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'surveys.csv');
  await conn.run(`COPY (
      SELECT * FROM (
        SELECT ${lit(shownAs)} AS source_file, c.line__::BIGINT AS source_line, c.reason__ AS reason, ${cols.join(', ')}${cols.length ? ', ' : ''}NULL::VARCHAR AS raw_line
        FROM survey_checked c WHERE c.reason__ IS NOT NULL
        ${malformed}
      ) ORDER BY source_line
    ) TO ${lit(path)} (HEADER, DELIMITER ',')`);
  // restricted, as the pool's rejects: owner-only (rows hold respondent IDs and free text)
  chmodSync(path, 0o600);
  return path;
}
