/**
 * student_year from five hand-built students, every number worked out by hand below. School year 2017
 * (2016-07-01 .. 2017-06-30), at least 10 days enrolled, chronic absence at ≥ 10% of days, proficient at level ≥ 3.
 *
 *   school A: a completed visit in 2017, so a program school. School B: its one completed visit is dated
 *   2016-06-30, which is school year 2016, so B is not a program school in 2017.
 *
 *   S1 (A)  20 days, 1 unexcused                → absent 1, rate 1 − 1/20 = 0.95, 1/20 = 0.05 < 0.10: not chronic.
 *           visit 2016-10-01 (after A's first day, 2016-09-05): visited, not a summer visit.
 *           incidents I1 (referral), I2 (out-of-school suspension) → 2 incidents, any suspension.
 *           2016: 10 days, 2 excused → prior rate 0.8, chronic (0.2); prior incident I3 (referral) → 1, no suspension.
 *   S2 (A)  20 days, 2 excused                  → absent 2, rate 0.9, 2/20 = 0.10 ≥ 0.10: chronic (the threshold counts).
 *           an attempted visit only: not visited. Not enrolled in 2016: every prior measure is missing.
 *   S3 (A)  20 days, 4 half-day unexcused, 1 tardy → absent 4 × 0.5 = 2 (tardy is present), rate 0.9, chronic.
 *           visits 2016-08-20 (before A's first day: summer) and 2016-11-15 (academic) → 2 visits.
 *           enrolled in 2016 without incidents → prior incident count 0 (not missing).
 *   S4 (A)  5 days                               → below 10 days: not analytic, attendance outcomes missing.
 *   S5      3 days at A, then 17 at B with 3 suspended → primary school B (17 > 3 days), 20 days in all,
 *           absent 3, rate 0.85, chronic; in_program_school 0, so analytic only when comparing all schools.
 *
 *   ELA 2017 grade 3: S1 400, S2 500, S3 600 → mean 500, SD √((100² + 0 + 100²)/2) = 100 → z −1, 0, 1.
 *     Proficient: S1 level 2 → 0; S2 level 3 → 1; S3 level 4 but proficient = false given → 0.
 *   Math 2017 grade 3: S1 alone (450, level 3) → SD of one score undefined → z missing; proficient 1.
 *   ELA 2016 grade 2: S1 350, S3 450 → mean 400, SD √((50² + 50²)/1) = 70.71 → prior z −0.7071, +0.7071.
 *   School visit rate (share visited of the students enrolled ≥ 10 days): A: S1, S2, S3 → 2/3; B: S5 → 0.
 *
 *   Sample flow, program schools: enrolled 5 (visited S1, S3: 2; comparison 3) → in a program school S1–S4: 4 (2, 2)
 *     → ≥ 10 days S1–S3: 3 (2, 1) → analytic 3 (2, 1).
 *   All schools: enrolled 5 (2, 3) → ≥ 10 days S1, S2, S3, S5: 4 (2, 2) → analytic 4 (2, 2).
 */
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { analyticSql, type AnalyticOptions } from '../../src/analytic/student-year-sql.js';
import { sampleFlow } from '../../src/analytic/sample-flow.js';
import { openDb, queryRows, type Db } from '../../src/util/duckdb.js';
import { createCanonicalTables } from '../sql/contract-tables.js';
import { tinyDays } from '../helpers/tiny-district.js';

const SEPT = tinyDays(); // the 20 weekdays from 2016-09-05
const MARCH_2016 = ['2016-03-01', '2016-03-02', '2016-03-03', '2016-03-04', '2016-03-07', '2016-03-08', '2016-03-09', '2016-03-10', '2016-03-11', '2016-03-14'];

type Att = [student: string, school: string, date: string, status: string, duration: number | null];
function attendance(): Att[] {
  const rows: Att[] = [];
  SEPT.forEach((d, i) => {
    rows.push(['S1', 'A', d, i === 0 ? 'unexcused' : 'present', null]);
    rows.push(['S2', 'A', d, i < 2 ? 'excused' : 'present', null]);
    rows.push(['S3', 'A', d, i < 4 ? 'unexcused' : i === 4 ? 'tardy' : 'present', i < 4 ? 0.5 : null]);
    if (i < 5) rows.push(['S4', 'A', d, 'present', null]);
    rows.push(i < 3 ? ['S5', 'A', d, 'present', null] : ['S5', 'B', d, i < 6 ? 'suspended' : 'present', null]);
  });
  MARCH_2016.forEach((d, i) => rows.push(['S1', 'A', d, i < 2 ? 'excused' : 'present', null]));
  return rows;
}

const sql = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
const values = (rows: (string | number | null)[][]) => rows.map((r) => `(${r.map(sql).join(', ')})`).join(',\n');

async function load(db: Db): Promise<void> {
  await createCanonicalTables(db.conn, ['students', 'visits', 'attendance_daily', 'discipline', 'assessments']);
  await db.conn.run(`INSERT INTO students (student_id, school_id, school_year, grade, frl, ell, swd) VALUES ${values([
    ['S1', 'A', 2017, '3', 'true', 'false', 'false'], ['S2', 'A', 2017, '3', 'false', 'true', 'false'], ['S3', 'A', 2017, '3', 'false', 'false', 'true'],
    ['S4', 'A', 2017, '3', 'false', 'false', 'false'], ['S5', 'A', 2017, '4', 'true', 'false', 'false'], ['S5', 'B', 2017, '4', 'true', 'false', 'false'],
    ['S1', 'A', 2016, '2', 'true', 'false', 'false'], ['S3', 'A', 2016, '2', 'false', 'false', 'true'],
  ])}`);
  await db.conn.run(`INSERT INTO visits (visit_id, student_id, school_id, visit_date, visit_type, status) VALUES ${values([
    ['V1', 'S1', 'A', '2016-10-01', 'relationship', 'completed'], ['V2', 'S3', 'A', '2016-08-20', 'relationship', 'completed'],
    ['V3', 'S3', 'A', '2016-11-15', 'academic', 'completed'], ['V4', 'S2', 'A', '2016-10-03', 'relationship', 'attempted'],
    ['V5', 'S5', 'B', '2016-06-30', 'relationship', 'completed'],
  ])}`);
  await db.conn.run(`INSERT INTO attendance_daily (student_id, school_id, date, status, duration) VALUES ${values(attendance())}`);
  await db.conn.run(`INSERT INTO discipline (incident_id, student_id, school_id, incident_date, action) VALUES ${values([
    ['I1', 'S1', 'A', '2016-10-10', 'referral'], ['I2', 'S1', 'A', '2016-11-10', 'out_of_school_suspension'],
    ['I3', 'S1', 'A', '2016-03-02', 'referral'], ['I4', 'S5', 'B', '2016-12-01', 'in_school_suspension'],
  ])}`);
  await db.conn.run(`INSERT INTO assessments (student_id, school_year, subject, grade_tested, scale_score, performance_level, proficient) VALUES ${values([
    ['S1', 2017, 'ela', '3', 400, 2, null], ['S2', 2017, 'ela', '3', 500, 3, null], ['S3', 2017, 'ela', '3', 600, 4, 'false'],
    ['S1', 2017, 'math', '3', 450, 3, null], ['S1', 2016, 'ela', '2', 350, 1, null], ['S3', 2016, 'ela', '2', 450, 3, null],
  ])}`);
}

const OPTIONS: AnalyticOptions = { outcomeYear: 2017, yearStart: '07-01', minDaysEnrolled: 10, chronicThreshold: 0.1, proficientLevel: 3, comparison: 'program_schools', attendanceKind: 'daily', hasDiscipline: true, hasAssessments: true };

let db: Db;
let rows: Record<string, Record<string, unknown>>;
beforeAll(async () => {
  db = await openDb(':memory:', 1);
  await load(db);
  for (const s of analyticSql(OPTIONS)) await db.conn.run(s);
  rows = Object.fromEntries((await queryRows(db.conn, 'SELECT * FROM student_year')).map((r) => [r.student_id as string, r]));
});
afterAll(() => db.close());

describe('student_year from five hand-built students', () => {
  it('has one row per student enrolled in 2017, each at the school of most days, with the demographics of that row', () => {
    expect(Object.keys(rows)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(Object.values(rows).map((r) => [r.school_id, r.grade, r.frl, r.ell, r.swd])).toEqual([
      ['A', '3', 1, 0, 0], ['A', '3', 0, 1, 0], ['A', '3', 0, 0, 1], ['A', '3', 0, 0, 0], ['B', '4', 1, 0, 0],
    ]);
  });

  it('counts days enrolled and absent, the rate and chronic absence', () => {
    const pick = (id: string) => [rows[id]!.days_enrolled, rows[id]!.days_absent, rows[id]!.chronic_absence];
    expect(pick('S1')).toEqual([20, 1, 0]);
    expect(pick('S2')).toEqual([20, 2, 1]);
    expect(pick('S3')).toEqual([20, 2, 1]);
    expect(pick('S4')).toEqual([5, null, null]);
    expect(pick('S5')).toEqual([20, 3, 1]);
    expect(rows.S1!.attendance_rate).toBeCloseTo(0.95, 12);
    expect(rows.S3!.attendance_rate).toBeCloseTo(0.9, 12);
    expect(rows.S5!.attendance_rate).toBeCloseTo(0.85, 12);
    expect(rows.S4!.attendance_rate).toBeNull();
  });

  it('flags visited, counts visits and marks summer visits', () => {
    const pick = (id: string) => [rows[id]!.visited, rows[id]!.visit_count, rows[id]!.summer_visit, rows[id]!.relationship_visit, rows[id]!.academic_visit];
    expect(pick('S1')).toEqual([1, 1, 0, 1, 0]);
    expect(pick('S2')).toEqual([0, 0, null, 0, 0]);
    expect(pick('S3')).toEqual([1, 2, 1, 1, 1]);
    expect(pick('S5')).toEqual([0, 0, null, 0, 0]);
  });

  it('sets the sample-flow flags and the school visit rate', () => {
    const pick = (id: string) => [rows[id]!.in_program_school, rows[id]!.enrolled_min_days, rows[id]!.analytic];
    expect(['S1', 'S2', 'S3', 'S4', 'S5'].map(pick)).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 0, 0], [0, 1, 0]]);
    expect(rows.S4!.school_visit_rate).toBeCloseTo(2 / 3, 12);
    expect(rows.S5!.school_visit_rate).toBe(0);
  });

  it('counts incidents and suspensions of 2017 and of 2016', () => {
    const pick = (id: string) => [rows[id]!.incident_count, rows[id]!.any_incident, rows[id]!.any_suspension, rows[id]!.prior_incident_count, rows[id]!.prior_any_suspension];
    expect(pick('S1')).toEqual([2, 1, 1, 1, 0]);
    expect(pick('S2')).toEqual([0, 0, 0, null, null]);
    expect(pick('S3')).toEqual([0, 0, 0, 0, 0]);
    expect(pick('S5')).toEqual([1, 1, 1, null, null]);
  });

  it('standardises scores within year × subject × grade and reads proficiency', () => {
    expect([rows.S1!.ela_z, rows.S2!.ela_z, rows.S3!.ela_z]).toEqual([-1, 0, 1]);
    expect([rows.S1!.ela_proficient, rows.S2!.ela_proficient, rows.S3!.ela_proficient]).toEqual([0, 1, 0]);
    expect([rows.S1!.math_z, rows.S1!.math_proficient]).toEqual([null, 1]);
    expect(rows.S1!.prior_ela_z).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(rows.S3!.prior_ela_z).toBeCloseTo(Math.SQRT1_2, 12);
    expect([rows.S1!.prior_ela_proficient, rows.S3!.prior_ela_proficient]).toEqual([0, 1]);
  });

  it('carries the prior year attendance', () => {
    expect(rows.S1!.prior_attendance_rate).toBeCloseTo(0.8, 12);
    expect([rows.S1!.prior_days_absent, rows.S1!.prior_chronic_absence]).toEqual([2, 1]);
    expect([rows.S2!.prior_attendance_rate, rows.S3!.prior_attendance_rate]).toEqual([null, null]);
  });
});

describe('the sample flow of the five students', () => {
  it('with program schools as the comparison', async () => {
    expect(await sampleFlow(db.conn, OPTIONS)).toEqual([
      { step: 'Enrolled in 2016–17', students: 5, visited: 2, comparison: 3 },
      { step: 'In a program school (≥ 1 completed visit that year)', students: 4, visited: 2, comparison: 2 },
      { step: 'Enrolled at least 10 days', students: 3, visited: 2, comparison: 1 },
      { step: 'Analytic sample', students: 3, visited: 2, comparison: 1 },
    ]);
  });

  it('with all schools as the comparison', async () => {
    const o: AnalyticOptions = { ...OPTIONS, comparison: 'all_schools' };
    for (const s of analyticSql(o)) await db.conn.run(s);
    expect(await sampleFlow(db.conn, o)).toEqual([
      { step: 'Enrolled in 2016–17', students: 5, visited: 2, comparison: 3 },
      { step: 'Enrolled at least 10 days', students: 4, visited: 2, comparison: 2 },
      { step: 'Analytic sample', students: 4, visited: 2, comparison: 2 },
    ]);
  });
});
