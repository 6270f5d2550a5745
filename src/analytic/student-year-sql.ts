import { schoolYearFast, schoolYearOf } from '../contract/school-year-sql.js';
import { DAILY_GROUPS_TABLE } from '../ingest/daily-groups-table.js';

/** What the analytic SQL needs to know about the run. */
export interface AnalyticOptions {
  outcomeYear: number;
  yearStart: string;
  minDaysEnrolled: number;
  chronicThreshold: number;
  proficientLevel: number;
  comparison: 'program_schools' | 'all_schools';
  attendanceKind: 'daily' | 'summary';
  /** daily attendance was ingested as per student × school × year groups (table attendance_daily_groups), not as rows */
  dailyGroups?: boolean;
  hasDiscipline: boolean;
  hasAssessments: boolean;
}

/** Exact decimal type of sums of days absent: order-free, so a total is the same on any thread count and in any grouping. */
export const EXACT_DAYS = 'DECIMAL(38,18)';

/**
 * The days absent of a set of daily rows (an aggregate; `filter` narrows the rows): an absent day counts the share
 * of the day given, a whole day when none is. Whole days are counted and shares summed as DECIMAL(38,18), exact in
 * any order: a sum of doubles depends on the order the threads add the rows in (0.1 ten times is 0.9999999999999999
 * one way and 1 another, which decides chronic absence at a threshold of 10%). A DECIMAL(38,18) total.
 */
export function absentDaysSql(filter = 'true'): string {
  const absent = `${filter} AND status IN ('excused', 'unexcused', 'suspended')`;
  return `(count(*) FILTER (WHERE ${absent} AND duration IS NULL)::${EXACT_DAYS} + coalesce(sum(duration::${EXACT_DAYS}) FILTER (WHERE ${absent} AND duration IS NOT NULL), 0))`;
}

/**
 * Per student × school × year: days enrolled and absent (daily rows aggregated, or the summary as given). Daily
 * attendance ingested as per-student groups (`dailyGroups`, the pipeline's way) already has them.
 */
export function attendanceBySchoolSql(o: AnalyticOptions): string {
  if (o.attendanceKind === 'daily' && o.dailyGroups) {
    return `CREATE OR REPLACE TABLE att_school_year AS
      SELECT student_id, school_id, school_year, days_enrolled, days_absent, first_date FROM ${DAILY_GROUPS_TABLE}`;
  }
  if (o.attendanceKind === 'summary') {
    return `CREATE OR REPLACE TABLE att_school_year AS
      SELECT student_id, school_id, school_year, days_enrolled::DOUBLE AS days_enrolled, days_absent::DOUBLE AS days_absent,
             NULL::DATE AS first_date
      FROM attendance_summary`;
  }
  // the integer form of the school year (no string per row of the largest table), equal to schoolYearOf
  return `CREATE OR REPLACE TABLE att_school_year AS
    SELECT student_id, school_id, ${schoolYearFast('date', o.yearStart)} AS school_year,
           count(*)::DOUBLE AS days_enrolled,
           ${absentDaysSql()}::DOUBLE AS days_absent,
           min(date) AS first_date
    FROM attendance_daily GROUP BY ALL`;
}

/** Per student × year: attendance measures across schools. */
export function attendanceByYearSql(o: AnalyticOptions): string {
  return `CREATE OR REPLACE TABLE att_year AS
    SELECT student_id, school_year, days_enrolled, days_absent, 1 - days_absent / days_enrolled AS attendance_rate,
           (days_absent / days_enrolled >= ${o.chronicThreshold})::INTEGER AS chronic_absence
    FROM (
      -- across a student's schools, summed exactly (as absentDaysSql; a summary's days may be fractions): the same total in any order
      SELECT student_id, school_year, sum(days_enrolled::${EXACT_DAYS})::DOUBLE AS days_enrolled, sum(days_absent::${EXACT_DAYS})::DOUBLE AS days_absent
      FROM att_school_year GROUP BY ALL HAVING sum(days_enrolled::${EXACT_DAYS}) > 0)`;
}

/** Per student × year: incidents (distinct incident ids), any incident, any suspension. */
export function disciplineByYearSql(o: AnalyticOptions): string {
  if (!o.hasDiscipline) {
    return `CREATE OR REPLACE TABLE disc_year (student_id VARCHAR, school_year INTEGER, incident_count DOUBLE, any_suspension INTEGER)`;
  }
  return `CREATE OR REPLACE TABLE disc_year AS
    SELECT student_id, ${schoolYearOf('incident_date', o.yearStart)} AS school_year,
           count(DISTINCT incident_id)::DOUBLE AS incident_count,
           max((action IN ('in_school_suspension', 'out_of_school_suspension'))::INTEGER) AS any_suspension
    FROM discipline GROUP BY ALL`;
}

/**
 * Per student × year × subject: z-score within (year, subject, grade tested) over all scored rows, and
 * proficiency. The means and SDs are summed in a fixed row order on one thread, so they are bit-for-bit
 * reproducible (a parallel sum of doubles is not).
 */
export function assessmentsByYearSql(o: AnalyticOptions): string[] {
  if (!o.hasAssessments) {
    return [`CREATE OR REPLACE TABLE test_year (student_id VARCHAR, school_year INTEGER, subject VARCHAR, z DOUBLE, proficient INTEGER)`];
  }
  return [
    'SET threads = 1',
    `CREATE OR REPLACE TEMP TABLE test_sorted AS
      SELECT school_year, lower(subject) AS subject, coalesce(grade_tested, '') AS grade, scale_score
      FROM assessments WHERE scale_score IS NOT NULL ORDER BY school_year, subject, grade, student_id`,
    `CREATE OR REPLACE TEMP TABLE test_stats AS
      SELECT school_year, subject, grade, avg(scale_score) AS mean, stddev_samp(scale_score) AS sd FROM test_sorted GROUP BY ALL`,
    'RESET threads',
    `CREATE OR REPLACE TABLE test_year AS
      SELECT a.student_id, a.school_year, lower(a.subject) AS subject,
             (a.scale_score - s.mean) / nullif(s.sd, 0) AS z,
             coalesce(a.proficient, a.performance_level >= ${o.proficientLevel})::INTEGER AS proficient
      FROM assessments a LEFT JOIN test_stats s
        ON s.school_year = a.school_year AND s.subject = lower(a.subject) AND s.grade = coalesce(a.grade_tested, '')`,
  ];
}

/** Completed visits inside Y's window, per student, and the program schools (≥ 1 completed visit in Y). */
export function treatmentSql(o: AnalyticOptions): string {
  const Y = o.outcomeYear;
  return `CREATE OR REPLACE TABLE visits_y AS
      SELECT * FROM visits WHERE status = 'completed' AND ${schoolYearOf('visit_date', o.yearStart)} = ${Y};
    CREATE OR REPLACE TABLE program_schools AS SELECT DISTINCT school_id FROM visits_y;
    CREATE OR REPLACE TABLE treatment AS
      SELECT student_id, count(*)::INTEGER AS visit_count, min(visit_date) AS first_visit_date,
             max((visit_type = 'relationship')::INTEGER) AS relationship_visit,
             max((visit_type = 'academic')::INTEGER) AS academic_visit
      FROM visits_y GROUP BY student_id`;
}

/** Students enrolled in Y, each at the school where they spent the most days (ties: lowest school id). */
export function enrolledSql(o: AnalyticOptions): string {
  return `CREATE OR REPLACE TABLE enrolled_y AS
    SELECT s.*, coalesce(a.days_enrolled, 0) AS school_days
    FROM students s LEFT JOIN att_school_year a
      ON a.student_id = s.student_id AND a.school_id = s.school_id AND a.school_year = s.school_year
    WHERE s.school_year = ${o.outcomeYear}
    QUALIFY row_number() OVER (PARTITION BY s.student_id ORDER BY coalesce(a.days_enrolled, 0) DESC, s.school_id) = 1`;
}

/** The analytic table: one row per student enrolled in Y, with treatment, outcomes, prior-year measures, demographics and sample-flow flags. */
export function studentYearSql(o: AnalyticOptions): string {
  const Y = o.outcomeYear;
  const P = Y - 1;
  return `CREATE OR REPLACE TABLE student_year AS
  SELECT *,
    -- share of the school's students (enrolled ≥ min days) who were visited: the school's visit rate
    avg(CASE WHEN enrolled_min_days = 1 THEN visited END) OVER (PARTITION BY school_id) AS school_visit_rate
  FROM (
  WITH school_start AS (
    SELECT school_id, min(first_date) AS first_day FROM att_school_year WHERE school_year = ${Y} GROUP BY school_id
  ), prior_enrolled AS (
    SELECT DISTINCT student_id FROM students WHERE school_year = ${P}
  )
  SELECT
    e.student_id, e.school_id, ${Y} AS outcome_year, e.grade, e.gender, e.race_ethnicity,
    e.frl::INTEGER AS frl, e.ell::INTEGER AS ell, e.swd::INTEGER AS swd,
    -- treatment
    (t.student_id IS NOT NULL)::INTEGER AS visited,
    coalesce(t.visit_count, 0) AS visit_count,
    t.first_visit_date,
    coalesce(t.relationship_visit, 0) AS relationship_visit,
    coalesce(t.academic_visit, 0) AS academic_visit,
    CASE WHEN t.student_id IS NOT NULL THEN (t.first_visit_date < coalesce(ss.first_day, make_date(${P}, 8, 15)))::INTEGER END AS summer_visit,
    -- sample flow
    (e.school_id IN (SELECT school_id FROM program_schools))::INTEGER AS in_program_school,
    coalesce(a.days_enrolled, 0) AS days_enrolled,
    (coalesce(a.days_enrolled, 0) >= ${o.minDaysEnrolled})::INTEGER AS enrolled_min_days,
    (${o.comparison === 'all_schools' ? 'true' : 'e.school_id IN (SELECT school_id FROM program_schools)'}
      AND coalesce(a.days_enrolled, 0) >= ${o.minDaysEnrolled})::INTEGER AS analytic,
    -- outcomes of Y
    CASE WHEN a.days_enrolled >= ${o.minDaysEnrolled} THEN a.attendance_rate END AS attendance_rate,
    CASE WHEN a.days_enrolled >= ${o.minDaysEnrolled} THEN a.chronic_absence END AS chronic_absence,
    CASE WHEN a.days_enrolled >= ${o.minDaysEnrolled} THEN a.days_absent END AS days_absent,
    ${o.hasDiscipline ? 'coalesce(d.incident_count, 0)' : 'NULL::DOUBLE'} AS incident_count,
    ${o.hasDiscipline ? '(coalesce(d.incident_count, 0) > 0)::INTEGER' : 'NULL::INTEGER'} AS any_incident,
    ${o.hasDiscipline ? 'coalesce(d.any_suspension, 0)' : 'NULL::INTEGER'} AS any_suspension,
    ela.z AS ela_z, ela.proficient AS ela_proficient,
    math.z AS math_z, math.proficient AS math_proficient,
    -- prior-year (baseline) measures
    pa.attendance_rate AS prior_attendance_rate, pa.chronic_absence AS prior_chronic_absence, pa.days_absent AS prior_days_absent,
    ${o.hasDiscipline ? 'CASE WHEN pe.student_id IS NOT NULL THEN coalesce(pd.incident_count, 0) END' : 'NULL::DOUBLE'} AS prior_incident_count,
    ${o.hasDiscipline ? 'CASE WHEN pe.student_id IS NOT NULL THEN (coalesce(pd.incident_count, 0) > 0)::INTEGER END' : 'NULL::INTEGER'} AS prior_any_incident,
    ${o.hasDiscipline ? 'CASE WHEN pe.student_id IS NOT NULL THEN coalesce(pd.any_suspension, 0) END' : 'NULL::INTEGER'} AS prior_any_suspension,
    pela.z AS prior_ela_z, pela.proficient AS prior_ela_proficient,
    pmath.z AS prior_math_z, pmath.proficient AS prior_math_proficient
  FROM enrolled_y e
  LEFT JOIN treatment t ON t.student_id = e.student_id
  LEFT JOIN school_start ss ON ss.school_id = e.school_id
  LEFT JOIN att_year a ON a.student_id = e.student_id AND a.school_year = ${Y}
  LEFT JOIN disc_year d ON d.student_id = e.student_id AND d.school_year = ${Y}
  LEFT JOIN test_year ela ON ela.student_id = e.student_id AND ela.school_year = ${Y} AND ela.subject = 'ela'
  LEFT JOIN test_year math ON math.student_id = e.student_id AND math.school_year = ${Y} AND math.subject = 'math'
  LEFT JOIN prior_enrolled pe ON pe.student_id = e.student_id
  LEFT JOIN att_year pa ON pa.student_id = e.student_id AND pa.school_year = ${P}
  LEFT JOIN disc_year pd ON pd.student_id = e.student_id AND pd.school_year = ${P}
  LEFT JOIN test_year pela ON pela.student_id = e.student_id AND pela.school_year = ${P} AND pela.subject = 'ela'
  LEFT JOIN test_year pmath ON pmath.student_id = e.student_id AND pmath.school_year = ${P} AND pmath.subject = 'math'
  )
  ORDER BY student_id`;
}

/** Every statement that builds student_year, in order. */
export function analyticSql(o: AnalyticOptions): string[] {
  return [
    attendanceBySchoolSql(o),
    attendanceByYearSql(o),
    disciplineByYearSql(o),
    ...assessmentsByYearSql(o),
    treatmentSql(o),
    enrolledSql(o),
    studentYearSql(o),
  ];
}
