import type { DuckDBConnection } from '@duckdb/node-api';
import { schoolYearExpr } from '../contract/school-year-sql.js';
import { queryRows } from '../util/duckdb.js';
import { distinctSampleSql } from './sample-source.js';

/** The school years a year column holds, read as the ingest reads them (2017, 2016-17, SY1617 → 2017), and the values it cannot read. */
export async function schoolYearsOf(conn: DuckDBConnection, file: string, header: string, limit = 50): Promise<{ years: number[]; unread: string[] }> {
  const rows = await queryRows<{ v: string; y: number | null }>(
    conn,
    `SELECT v, (${schoolYearExpr('v')})::INTEGER AS y FROM (${distinctSampleSql(file, header, limit)}) ORDER BY v`,
  );
  const years = [...new Set(rows.flatMap((r) => (r.y === null ? [] : [r.y])))].sort((a, b) => a - b);
  return { years, unread: rows.filter((r) => r.y === null).map((r) => r.v) };
}
