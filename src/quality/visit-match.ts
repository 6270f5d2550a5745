import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne } from '../util/duckdb.js';

/**
 * Visit records that name a student of the roster (`known_students`), accepted or rejected for any reason,
 * out of all visit rows read (a malformed line names no one). Counted directly, not from the reject reasons,
 * because a row rejected first for another reason (a bad date) may also name an unknown student. `rejected`:
 * the rejected ones among them (a student whose only visits were rejected counts as not visited).
 */
export async function visitMatch(conn: DuckDBConnection, rowsRead: number): Promise<{ matched: number; of: number; rejected: number }> {
  const r = await queryOne<{ n: number; rejected: number }>(
    conn,
    `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE rejected)::INTEGER AS rejected FROM (
       SELECT student_id, false AS rejected FROM visits UNION ALL SELECT student_id, true FROM rej_visits WHERE reason <> 'malformed_row'
     ) WHERE student_id IN (SELECT student_id FROM known_students)`,
  );
  return { matched: r!.n, of: rowsRead, rejected: r!.rejected };
}
