import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne } from '../util/duckdb.js';

/**
 * Visit records that name a student of the roster (`known_students`), accepted or rejected for any reason,
 * out of all visit rows read (a malformed line names no one). Counted directly, not from the reject reasons,
 * because a row rejected first for another reason (a bad date) may also name an unknown student.
 */
export async function visitMatch(conn: DuckDBConnection, rowsRead: number): Promise<{ matched: number; of: number }> {
  const r = await queryOne<{ n: number }>(
    conn,
    `SELECT count(*)::INTEGER AS n FROM (
       SELECT student_id FROM visits UNION ALL SELECT student_id FROM rej_visits WHERE reason <> 'malformed_row'
     ) WHERE student_id IN (SELECT student_id FROM known_students)`,
  );
  return { matched: r!.n, of: rowsRead };
}
