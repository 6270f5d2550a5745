/**
 * The analytic SQL of src/analytic/student-year-sql.ts through DuckDB EXPLAIN (test/sql/explain.ts), against empty
 * typed canonical tables (only those the run has: no discipline or assessments table when the extract is absent),
 * for every variant: daily or summary attendance × with or without discipline × with or without assessments ×
 * program_schools or all_schools, and two school-year starts. Every variant must give student_year the same
 * columns and types, since the estimators read the same columns whichever extracts a district has.
 */
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import type { ExtractName } from '../../src/contract/extract-specs.js';
import { analyticSql, type AnalyticOptions } from '../../src/analytic/student-year-sql.js';
import { openDb, queryRows, type Db } from '../../src/util/duckdb.js';
import { explainAndRun } from './explain.js';
import { createCanonicalTables } from './contract-tables.js';

type Shape = { column_name: string; column_type: string }[];
const opened: Db[] = [];
afterAll(() => opened.forEach((d) => d.close()));

/** Every combination of the options that change the SQL. */
function variants(): AnalyticOptions[] {
  const out: AnalyticOptions[] = [];
  for (const attendanceKind of ['daily', 'summary'] as const)
    for (const hasDiscipline of [true, false])
      for (const hasAssessments of [true, false])
        for (const comparison of ['program_schools', 'all_schools'] as const)
          out.push({ outcomeYear: 2017, yearStart: hasDiscipline ? '07-01' : '08-15', minDaysEnrolled: 10, chronicThreshold: 0.1, proficientLevel: 3, comparison, attendanceKind, hasDiscipline, hasAssessments });
  return out;
}

/** Build student_year from empty canonical tables of the extracts these options imply; returns its columns. */
async function build(o: AnalyticOptions): Promise<Shape> {
  const db = await openDb(':memory:', 1);
  opened.push(db);
  const tables: ExtractName[] = ['students', 'visits', o.attendanceKind === 'daily' ? 'attendance_daily' : 'attendance_summary'];
  if (o.hasDiscipline) tables.push('discipline');
  if (o.hasAssessments) tables.push('assessments');
  await createCanonicalTables(db.conn, tables);
  for (const sql of analyticSql(o)) await explainAndRun(db.conn, sql);
  return (await queryRows<{ column_name: string; column_type: string }>(db.conn, 'DESCRIBE student_year')).map(({ column_name, column_type }) => ({ column_name, column_type }));
}

let reference: Shape = [];
beforeAll(async () => {
  reference = await build(variants()[0]!);
});

describe('analyticSql passes EXPLAIN for every variant', () => {
  for (const o of variants()) {
    it(`${o.attendanceKind} attendance, ${o.hasDiscipline ? 'with' : 'without'} discipline, ${o.hasAssessments ? 'with' : 'without'} assessments, ${o.comparison}, year from ${o.yearStart}`, async () => {
      // the same columns and types as daily attendance with every extract
      expect(await build(o)).toEqual(reference);
    });
  }

  it('gives student_year the outcome and flag columns the estimators read, with their types', () => {
    const type = Object.fromEntries(reference.map((c) => [c.column_name, c.column_type]));
    expect(type).toMatchObject({
      student_id: 'VARCHAR',
      school_id: 'VARCHAR',
      visited: 'INTEGER',
      analytic: 'INTEGER',
      enrolled_min_days: 'INTEGER',
      in_program_school: 'INTEGER',
      attendance_rate: 'DOUBLE',
      chronic_absence: 'INTEGER',
      days_absent: 'DOUBLE',
      incident_count: 'DOUBLE',
      any_incident: 'INTEGER',
      any_suspension: 'INTEGER',
      ela_z: 'DOUBLE',
      math_proficient: 'INTEGER',
      prior_attendance_rate: 'DOUBLE',
      prior_any_incident: 'INTEGER',
      prior_math_z: 'DOUBLE',
      school_visit_rate: 'DOUBLE',
    });
  });
});
