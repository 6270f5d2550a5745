/** The sample-flow queries of src/analytic/sample-flow.ts through DuckDB EXPLAIN (test/sql/explain.ts), over an empty student_year, for each comparison option. */
import { describe, it, expect, afterAll } from 'vitest';
import { analyticSql, type AnalyticOptions } from '../../src/analytic/student-year-sql.js';
import { sampleFlow } from '../../src/analytic/sample-flow.js';
import { openDb } from '../../src/util/duckdb.js';
import { explainingConnection } from './explain.js';
import { createCanonicalTables } from './contract-tables.js';

const db = await openDb(':memory:', 1);
afterAll(() => db.close());
await createCanonicalTables(db.conn, ['students', 'visits', 'attendance_daily', 'discipline', 'assessments']);

const base: AnalyticOptions = { outcomeYear: 2017, yearStart: '07-01', minDaysEnrolled: 10, chronicThreshold: 0.1, proficientLevel: 3, comparison: 'program_schools', attendanceKind: 'daily', hasDiscipline: true, hasAssessments: true };
for (const sql of analyticSql(base)) await db.conn.run(sql);

describe('sampleFlow SQL passes EXPLAIN', () => {
  for (const [comparison, steps] of [
    ['program_schools', ['Enrolled in 2016–17', 'In a program school (≥ 1 completed visit that year)', 'Enrolled at least 10 days', 'Analytic sample']],
    ['all_schools', ['Enrolled in 2016–17', 'Enrolled at least 10 days', 'Analytic sample']],
  ] as const) {
    it(comparison, async () => {
      const { conn, statements } = explainingConnection(db.conn);
      const flow = await sampleFlow(conn, { ...base, comparison });
      expect(flow).toEqual(steps.map((step) => ({ step, students: 0, visited: 0, comparison: 0 })));
      expect(statements).toHaveLength(steps.length);
    });
  }
});
