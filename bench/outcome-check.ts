/**
 * The bench's correctness check: hve's student outcomes (student_year in the run's analytic.duckdb) must equal
 * the bare-DuckDB baseline's exactly, student by student, and so must their means.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { differSql, meansSql, OUTCOME_COLUMNS } from './bare-sql.js';

/** The result of comparing one run with its baseline. */
export interface OutcomeCheck {
  students: number;
  only_one: number;
  /** per outcome column: students whose values differ, and the two means */
  columns: { column: string; differ: number; bare_mean: number | null; hve_mean: number | null }[];
  equal: boolean;
}

/** Compare `bare_student` in `bareDb` with `student_year` in `analyticDb` (both opened read-only). */
export async function checkOutcomes(bareDb: string, analyticDb: string): Promise<OutcomeCheck> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', threads: '1' });
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH '${bareDb}' AS bare (READ_ONLY); ATTACH '${analyticDb}' AS hve (READ_ONLY)`);
    const row = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS()[0] as Record<string, number | null>;
    const d = await row(differSql());
    const b = await row(meansSql('bare.bare_student'));
    const h = await row(meansSql('hve.student_year'));
    const columns = OUTCOME_COLUMNS.map((c) => ({ column: c, differ: Number(d[c]), bare_mean: b[c] ?? null, hve_mean: h[c] ?? null }));
    const students = Number(d.students);
    const only_one = Number(d.only_one);
    const equal = only_one === 0 && students > 0 && columns.every((c) => c.differ === 0 && Object.is(c.bare_mean, c.hve_mean));
    return { students, only_one, columns, equal };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Print a check as a small table, one line per outcome column. */
export function printCheck(label: string, c: OutcomeCheck, log: (s: string) => void = console.log): void {
  log(`  outcome check (${label}): ${c.students.toLocaleString()} students, ${c.only_one} in only one table — ${c.equal ? 'EQUAL' : 'DIFFERENT'}`);
  for (const x of c.columns) {
    log(`    ${x.column.padEnd(16)} differ ${String(x.differ).padStart(7)}   bare mean ${String(x.bare_mean).padEnd(22)} hve mean ${String(x.hve_mean)}`);
  }
}
