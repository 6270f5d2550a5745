/**
 * A hand-built district for the fidelity tests, loaded into typed canonical tables and run through analyticSql.
 * School year 2017 (2016-07-01 .. 2017-06-30); every student attends the 20 weekdays from 2016-09-05 (the first
 * school day of every school) unless said otherwise; prior-year (2016) attendance is 10 days in March 2016.
 *
 *   A1..A6 at A, B1..B4 at B, C1, C2 at C (no visits). M1: 3 days at A, 17 at B → primary school B, visited by A.
 *   L1: 5 days at A (below min_days_enrolled 10), visited by A. Families: A1, A2, B1 share F1; A3 F2; A4 none;
 *   A5, A6 F3; B2 F4, B3 F5, B4 F6, M1 F7; C1, C2 none.
 *   Prior absences of 10 days: A1 5, A2 3, A4 1, B2 1, B3 5, B4 3; the others 0, M1, C1, C2, L1 no prior year.
 *
 *   visits (id student school date scheduled type status ids count reflection paid stipend minutes):
 *     VA1  A1 A 2016-08-20 08-10 relationship completed "E1;E2"  -  08-25 T 70 60
 *     VA2  A1 A 2016-10-10 10-10 academic     completed "E1"     -  11-10 F  - 30
 *     VA3  A2 A 2016-09-15   -   academic     completed   -      2   -    - 35  -
 *     VA4  A2 A 2016-09-20 09-01 relationship completed " E3 ; E3 ;" 2 09-20 T 35 45
 *     VA5  A3 A 2016-10-01   -   relationship attempted "E1;E2"
 *     VA6  M1 A 2016-11-01 10-25 relationship completed "E4;E1"  -  11-20 T 70 60
 *     VA7  L1 A 2016-09-10 09-05 relationship completed "E2;E5"  -  09-09 T 70 30
 *     VA8  A4 A 2016-06-15 (school year 2016), VA9 A5 A 2017-07-05 (2018): completed, outside Y
 *     VA10 A6 A 2016-12-01 cancelled, VA11 A6 A 2016-12-02 declined
 *     VB1  B1 B 2016-09-12 09-01 relationship completed "E6;E7"  -  09-26 T 70 60
 *     VB2  B2 B 2016-10-03 09-20 relationship completed "E6"     -    -   T 35 30
 *   educators: A: E1 (2017, trained), E2 (no year, not trained), E3 (2016), E8 (2017, trained empty), E9 (2017, trained);
 *              B: E6 (2017, trained), E10 (2017, trained).
 */
import { analyticSql, type AnalyticOptions } from '../../src/analytic/student-year-sql.js';
import { tinyDays } from '../helpers/tiny-district.js';
import { createCanonicalTables } from '../sql/contract-tables.js';
import type { Db } from '../../src/util/duckdb.js';

const SEPT = tinyDays();
const MARCH_2016 = ['2016-03-01', '2016-03-02', '2016-03-03', '2016-03-04', '2016-03-07', '2016-03-08', '2016-03-09', '2016-03-10', '2016-03-11', '2016-03-14'];

type Value = string | number | null;
const sql = (v: Value) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
const values = (rows: Value[][]) => rows.map((r) => `(${r.map(sql).join(', ')})`).join(',\n');

const STUDENTS: [string, string, string | null][] = [
  ['A1', 'A', 'F1'], ['A2', 'A', 'F1'], ['A3', 'A', 'F2'], ['A4', 'A', null], ['A5', 'A', 'F3'], ['A6', 'A', 'F3'],
  ['B1', 'B', 'F1'], ['B2', 'B', 'F4'], ['B3', 'B', 'F5'], ['B4', 'B', 'F6'], ['C1', 'C', null], ['C2', 'C', null],
  ['M1', 'A', 'F7'], ['M1', 'B', 'F7'], ['L1', 'A', null],
];
const PRIOR_ABSENT: Record<string, number> = { A1: 5, A2: 3, A3: 0, A4: 1, A5: 0, A6: 0, B1: 0, B2: 1, B3: 5, B4: 3 };

function attendance(): Value[][] {
  const rows: Value[][] = [];
  for (const [id, school] of STUDENTS) {
    if (id === 'M1') continue;
    const days = id === 'L1' ? SEPT.slice(0, 5) : SEPT;
    for (const d of days) rows.push([id, school, d, 'present']);
  }
  SEPT.forEach((d, i) => rows.push(['M1', i < 3 ? 'A' : 'B', d, 'present']));
  for (const [id, absent] of Object.entries(PRIOR_ABSENT)) {
    MARCH_2016.forEach((d, i) => rows.push([id, id[0]!, d, i < absent ? 'unexcused' : 'present']));
  }
  return rows;
}

// visit_id, student_id, school_id, visit_date, scheduled_date, visit_type, status, educator_ids, educator_count, reflection_date, compensated, stipend_amount, duration_min
const VISITS: Value[][] = [
  ['VA1', 'A1', 'A', '2016-08-20', '2016-08-10', 'relationship', 'completed', 'E1;E2', null, '2016-08-25', 'true', 70, 60],
  ['VA2', 'A1', 'A', '2016-10-10', '2016-10-10', 'academic', 'completed', 'E1', null, '2016-11-10', 'false', null, 30],
  ['VA3', 'A2', 'A', '2016-09-15', null, 'academic', 'completed', null, 2, null, null, 35, null],
  ['VA4', 'A2', 'A', '2016-09-20', '2016-09-01', 'relationship', 'completed', ' E3 ; E3 ;', 2, '2016-09-20', 'true', 35, 45],
  ['VA5', 'A3', 'A', '2016-10-01', null, 'relationship', 'attempted', 'E1;E2', null, null, null, null, null],
  ['VA6', 'M1', 'A', '2016-11-01', '2016-10-25', 'relationship', 'completed', 'E4;E1', null, '2016-11-20', 'true', 70, 60],
  ['VA7', 'L1', 'A', '2016-09-10', '2016-09-05', 'relationship', 'completed', 'E2;E5', null, '2016-09-09', 'true', 70, 30],
  ['VA8', 'A4', 'A', '2016-06-15', '2016-06-01', 'relationship', 'completed', 'E1;E2', null, '2016-06-16', 'true', 70, 60],
  ['VA9', 'A5', 'A', '2017-07-05', '2017-07-01', 'relationship', 'completed', 'E1;E2', null, '2017-07-06', 'true', 70, 60],
  ['VA10', 'A6', 'A', '2016-12-01', null, 'relationship', 'cancelled', null, null, null, null, null, null],
  ['VA11', 'A6', 'A', '2016-12-02', null, 'relationship', 'declined', null, null, null, null, null, null],
  ['VB1', 'B1', 'B', '2016-09-12', '2016-09-01', 'relationship', 'completed', 'E6;E7', null, '2016-09-26', 'true', 70, 60],
  ['VB2', 'B2', 'B', '2016-10-03', '2016-09-20', 'relationship', 'completed', 'E6', null, null, 'true', 35, 30],
];

const EDUCATORS: Value[][] = [
  ['E1', 'A', 2017, 'true'], ['E2', 'A', null, 'false'], ['E3', 'A', 2016, 'true'], ['E8', 'A', 2017, null], ['E9', 'A', 2017, 'true'],
  ['E6', 'B', 2017, 'true'], ['E10', 'B', 2017, 'true'],
];

export const ANALYTIC: AnalyticOptions = {
  outcomeYear: 2017, yearStart: '07-01', minDaysEnrolled: 10, chronicThreshold: 0.1, proficientLevel: 3,
  comparison: 'program_schools', attendanceKind: 'daily', hasDiscipline: false, hasAssessments: false,
};

/** Load the hand district into `db` (students, visits, daily attendance, educators) and build student_year. */
export async function loadHandDistrict(db: Db): Promise<void> {
  await createCanonicalTables(db.conn, ['students', 'visits', 'attendance_daily', 'educators']);
  const students = STUDENTS.map(([id, school, family]) => [id, school, 2017, '3', family]);
  for (const id of Object.keys(PRIOR_ABSENT)) students.push([id, id[0]!, 2016, '2', null]);
  await db.conn.run(`INSERT INTO students (student_id, school_id, school_year, grade, family_id) VALUES ${values(students)}`);
  await db.conn.run(`INSERT INTO visits (visit_id, student_id, school_id, visit_date, scheduled_date, visit_type, status, educator_ids, educator_count,
    reflection_date, compensated, stipend_amount, duration_min) VALUES ${values(VISITS)}`);
  await db.conn.run(`INSERT INTO attendance_daily (student_id, school_id, date, status) VALUES ${values(attendance())}`);
  await db.conn.run(`INSERT INTO educators (educator_id, school_id, school_year, trained) VALUES ${values(EDUCATORS)}`);
  for (const s of analyticSql(ANALYTIC)) await db.conn.run(s);
}
