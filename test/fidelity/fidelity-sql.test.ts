/**
 * The fidelity SQL of src/fidelity/fidelity-sql.ts through DuckDB EXPLAIN (test/sql/explain.ts), against empty typed
 * canonical tables and the student_year that analyticSql builds from them: daily or summary attendance, with or
 * without the educators roster, with or without discipline and assessments (whose prior measures are then absent).
 * Then one visit on summary attendance: with no attendance dates, the first school day is August 15 of Y − 1.
 */
import { describe, it, expect, afterAll } from 'vitest';
import type { ExtractName } from '../../src/contract/extract-specs.js';
import { analyticSql, type AnalyticOptions } from '../../src/analytic/student-year-sql.js';
import {
  educatorAggregatesSql, fidelityVisitsSql, firstSchoolDaySql, presentCovariatesSql, reachAggregatesSql, recordedSql,
  schoolsSql, targetingMomentsSql, visitAggregatesSql, visitsByMonthSql, dropFidelityTablesSql,
} from '../../src/fidelity/fidelity-sql.js';
import { measureFidelity, TARGETING_COVARIATES } from '../../src/fidelity/index.js';
import { openDb, type Db } from '../../src/util/duckdb.js';
import { explain, explainAndRun } from '../sql/explain.js';
import { createCanonicalTables } from '../sql/contract-tables.js';

const opened: Db[] = [];
afterAll(() => opened.forEach((d) => d.close()));
const FID = { outcomeYear: 2017, yearStart: '07-01', reflectionDays: 14 };

/** A database with the empty tables of one variant and student_year built from them. */
async function emptyRun(kind: 'daily' | 'summary', withOptional: boolean): Promise<Db> {
  const db = await openDb(':memory:', 1);
  opened.push(db);
  const tables: ExtractName[] = ['students', 'visits', kind === 'daily' ? 'attendance_daily' : 'attendance_summary'];
  if (withOptional) tables.push('discipline', 'assessments', 'educators');
  await createCanonicalTables(db.conn, tables);
  const o: AnalyticOptions = { outcomeYear: 2017, yearStart: '07-01', minDaysEnrolled: 10, chronicThreshold: 0.1, proficientLevel: 3, comparison: 'program_schools', attendanceKind: kind, hasDiscipline: withOptional, hasAssessments: withOptional };
  for (const s of analyticSql(o)) await db.conn.run(s);
  return db;
}

describe('the fidelity SQL passes EXPLAIN', () => {
  for (const kind of ['daily', 'summary'] as const) {
    for (const withOptional of [true, false]) {
      it(`${kind} attendance, ${withOptional ? 'with' : 'without'} discipline, assessments and educators`, async () => {
        const db = await emptyRun(kind, withOptional);
        await explainAndRun(db.conn, firstSchoolDaySql(FID));
        await explainAndRun(db.conn, fidelityVisitsSql(FID));
        for (const sql of [recordedSql(FID), visitAggregatesSql(FID), visitsByMonthSql(), educatorAggregatesSql(FID, withOptional), reachAggregatesSql(FID), presentCovariatesSql(TARGETING_COVARIATES), targetingMomentsSql(TARGETING_COVARIATES), schoolsSql()]) {
          await explain(db.conn, sql);
        }
        await explainAndRun(db.conn, dropFidelityTablesSql());
        // and the whole measure on empty tables: a site with nothing recorded and no school
        const m = await measureFidelity(db.conn, { ...FID, reachThreshold: 0.1, targetingSmd: 0.25, hasEducators: withOptional });
        expect(m.schools).toEqual([]);
        expect([m.site.reach.students, m.site.practices.prearranged, m.site.fidelity.score, m.site.cost.program_schools]).toEqual([0, null, null, 0]);
      });
    }
  }

  it('takes August 15 of Y − 1 as the first school day when attendance has no dates (summary)', async () => {
    const db = await emptyRun('summary', false);
    await db.conn.run(`INSERT INTO students (student_id, school_id, school_year, grade) VALUES ('S1', 'A', 2017, '3')`);
    await db.conn.run(`INSERT INTO attendance_summary (student_id, school_id, school_year, days_enrolled, days_absent) VALUES ('S1', 'A', 2017, 180, 9)`);
    await db.conn.run(`INSERT INTO visits (visit_id, student_id, school_id, visit_date, status) VALUES ('V1', 'S1', 'A', '2016-08-10', 'completed')`);
    const o: AnalyticOptions = { outcomeYear: 2017, yearStart: '07-01', minDaysEnrolled: 10, chronicThreshold: 0.1, proficientLevel: 3, comparison: 'program_schools', attendanceKind: 'summary', hasDiscipline: false, hasAssessments: false };
    for (const s of analyticSql(o)) await db.conn.run(s);
    const m = await measureFidelity(db.conn, { ...FID, reachThreshold: 0.1, targetingSmd: 0.25, hasEducators: false });
    const a = m.schools[0]!;
    expect([a.timing.first_school_day, a.timing.first_school_day_source, a.timing.summer_visits, a.timing.median_days_to_first_visit]).toEqual(['2016-08-15', 'default', 1, -5]);
    expect(a.practices.not_targeted).toBeNull(); // no prior year, no comparison students
  });
});
