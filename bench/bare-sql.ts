/**
 * The bare-DuckDB baseline: one SQL script that reads the bench district's files directly and computes, for
 * every student enrolled in the outcome year, the student outcomes that hve's student_year holds (attendance
 * rate, days absent, chronic absence, incidents, any suspension, ELA and math z-scores, visited), with the
 * definitions of src/analytic/student-year-sql.ts (school years from 07-01, min 10 days enrolled, chronic at
 * 10%). No row checks: the bench district has no bad rows, so this is the physical floor for ingest +
 * student_year. The z-score means and SDs are summed on one thread in hve's row order, so they are the same doubles.
 */
import { OUTCOME_YEAR } from './district-sql.js';

/** The outcome columns the baseline and hve's student_year are compared on. */
export const OUTCOME_COLUMNS = [
  'visited',
  'days_enrolled',
  'attendance_rate',
  'days_absent',
  'chronic_absence',
  'incident_count',
  'any_suspension',
  'ela_z',
  'math_z',
] as const;

/** The statements of the baseline, creating table `bare_student` from the extracts in `dir` (`<extract>.<format>`). */
export function bareSql(dir: string, format: 'csv' | 'parquet', o = { minDays: 10, chronic: 0.1 }): string[] {
  const read = (x: string) => (format === 'csv' ? `read_csv('${dir}/${x}.csv')` : `read_parquet('${dir}/${x}.parquet')`);
  const Y = OUTCOME_YEAR;
  const inY = (col: string) => `${col} >= DATE '${Y - 1}-07-01' AND ${col} < DATE '${Y}-07-01'`;
  return [
    'SET threads = 1',
    `CREATE TEMP TABLE test_y AS
      SELECT student_id, lower(subject) AS subject, coalesce(grade_tested::VARCHAR, '') AS grade, scale_score::DOUBLE AS scale_score
      FROM ${read('assessments')} WHERE school_year::INTEGER = ${Y} AND scale_score IS NOT NULL ORDER BY subject, grade, student_id`,
    `CREATE TEMP TABLE test_stats AS SELECT subject, grade, avg(scale_score) AS mean, stddev_samp(scale_score) AS sd FROM test_y GROUP BY ALL`,
    'RESET threads',
    `CREATE TABLE bare_student AS
    WITH enrolled AS (SELECT DISTINCT student_id::VARCHAR AS student_id FROM ${read('students')} WHERE school_year::INTEGER = ${Y}),
    att AS (
      SELECT student_id, count(*)::DOUBLE AS days_enrolled,
             sum(CASE WHEN status IN ('excused', 'unexcused', 'suspended') THEN coalesce(duration::DOUBLE, 1) ELSE 0 END)::DOUBLE AS days_absent
      FROM ${read('attendance')} WHERE ${inY('date')} GROUP BY student_id),
    disc AS (
      SELECT student_id, count(DISTINCT incident_id)::DOUBLE AS incident_count,
             max((action IN ('in_school_suspension', 'out_of_school_suspension'))::INTEGER) AS any_suspension
      FROM ${read('discipline')} WHERE ${inY('incident_date')} GROUP BY student_id),
    vis AS (SELECT DISTINCT student_id FROM ${read('visits')} WHERE status = 'completed' AND ${inY('visit_date')}),
    z AS (
      SELECT t.student_id, t.subject, (t.scale_score - s.mean) / nullif(s.sd, 0) AS z
      FROM test_y t JOIN test_stats s USING (subject, grade))
    SELECT e.student_id,
           (v.student_id IS NOT NULL)::INTEGER AS visited,
           coalesce(a.days_enrolled, 0) AS days_enrolled,
           CASE WHEN a.days_enrolled >= ${o.minDays} THEN 1 - a.days_absent / a.days_enrolled END AS attendance_rate,
           CASE WHEN a.days_enrolled >= ${o.minDays} THEN a.days_absent END AS days_absent,
           CASE WHEN a.days_enrolled >= ${o.minDays} THEN (a.days_absent / a.days_enrolled >= ${o.chronic})::INTEGER END AS chronic_absence,
           coalesce(d.incident_count, 0) AS incident_count,
           coalesce(d.any_suspension, 0) AS any_suspension,
           ela.z AS ela_z, math.z AS math_z
    FROM enrolled e
    LEFT JOIN att a ON a.student_id = e.student_id
    LEFT JOIN disc d ON d.student_id = e.student_id
    LEFT JOIN vis v ON v.student_id = e.student_id
    LEFT JOIN z ela ON ela.student_id = e.student_id AND ela.subject = 'ela'
    LEFT JOIN z math ON math.student_id = e.student_id AND math.subject = 'math'`,
  ];
}

/** SQL counting, per outcome column, the students whose values differ between `bare.bare_student` and `hve.student_year` (IS DISTINCT FROM: exact), and the students in only one of them. */
export function differSql(): string {
  const cols = OUTCOME_COLUMNS.map((c) => `count(*) FILTER (WHERE b.${c}::DOUBLE IS DISTINCT FROM h.${c}::DOUBLE)::INTEGER AS "${c}"`);
  return `SELECT count(*)::INTEGER AS students, count(*) FILTER (WHERE b.student_id IS NULL OR h.student_id IS NULL)::INTEGER AS only_one,
    ${cols.join(', ')}
    FROM bare.bare_student b FULL OUTER JOIN hve.student_year h ON b.student_id = h.student_id`;
}

/** SQL for the mean of every outcome column of `table`, summed in student order (run it with threads = 1: equal values give equal means). */
export function meansSql(table: string): string {
  return `SELECT ${OUTCOME_COLUMNS.map((c) => `avg(${c}::DOUBLE) AS ${c}`).join(', ')} FROM (SELECT * FROM ${table} ORDER BY student_id)`;
}
