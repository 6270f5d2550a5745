import type { DuckDBConnection } from '@duckdb/node-api';
import { queryColumns } from '../util/duckdb.js';
import type { OutcomeDef } from './outcomes.js';

/** Treated and comparison values of one outcome in the analytic sample (students with a value only). */
export interface OutcomeColumns {
  treated: Float64Array;
  comparison: Float64Array;
}

/** Pull the analytic sample's treatment flag and outcome columns from student_year as typed arrays, split by group. */
export async function loadOutcomeColumns(conn: DuckDBConnection, defs: readonly OutcomeDef[]): Promise<Map<string, OutcomeColumns>> {
  const cols = await queryColumns(
    conn,
    `SELECT visited::DOUBLE AS visited, ${defs.map((d) => `${d.outcome}::DOUBLE AS ${d.outcome}`).join(', ')}
     FROM student_year WHERE analytic = 1 ORDER BY student_id`,
  );
  const visited = cols.visited!;
  const out = new Map<string, OutcomeColumns>();
  for (const d of defs) {
    const y = cols[d.outcome]!;
    let nt = 0;
    let nc = 0;
    for (let i = 0; i < y.length; i++) {
      if (Number.isNaN(y[i]!)) continue;
      if (visited[i] === 1) nt++;
      else nc++;
    }
    const treated = new Float64Array(nt);
    const comparison = new Float64Array(nc);
    nt = 0;
    nc = 0;
    for (let i = 0; i < y.length; i++) {
      if (Number.isNaN(y[i]!)) continue;
      if (visited[i] === 1) treated[nt++] = y[i]!;
      else comparison[nc++] = y[i]!;
    }
    out.set(d.outcome, { treated, comparison });
  }
  return out;
}
