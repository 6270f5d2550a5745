/**
 * SQL for generated attendance. Every day's draw is a hash of (seed, student, day), not random():
 * DuckDB's random() is not reproducible across threads (NOTES.md), a hash is.
 */

/** Macros: a uniform in [0,1) from a hash of (seed, student slot, day key, stream). */
export function uniformMacroSql(seed: number): string {
  return `CREATE OR REPLACE MACRO hve_u(k1, k2, stream) AS
    (hash(${Math.trunc(seed)}::BIGINT, k1::BIGINT, k2::BIGINT, stream::BIGINT) >> 11)::DOUBLE / 9007199254740992.0`;
}

/** Tables the attendance SQL reads: calendar days and enrollment segments. */
export const SEGMENT_TABLES_SQL = `
CREATE OR REPLACE TABLE cal (year INTEGER, day INTEGER, date DATE);
CREATE OR REPLACE TABLE seg (idx INTEGER, student_id VARCHAR, school_id VARCHAR, year INTEGER,
  first_day INTEGER, last_day INTEGER, r_obs DOUBLE, r0 DOUBLE, r1 DOUBLE);`;

/** The days of every segment with the absence draw (absent when u < r). */
export const SEGMENT_DAYS_SQL = `
SELECT s.idx, s.student_id, s.school_id, s.year, c.day, c.date, s.r_obs, s.r0, s.r1,
       hve_u(s.idx, s.year * 1000 + c.day, 1) AS u, hve_u(s.idx, s.year * 1000 + c.day, 2) AS u2
FROM seg s JOIN cal c ON c.year = s.year AND c.day BETWEEN s.first_day AND s.last_day`;

/** Daily attendance rows in a fixed order. */
export const DAILY_ROWS_SQL = `
SELECT student_id, school_id, strftime(date, '%Y-%m-%d') AS date,
  CASE WHEN u < r_obs THEN CASE WHEN u2 < 0.45 THEN 'excused' ELSE 'unexcused' END
       WHEN u2 < 0.04 THEN 'tardy' ELSE 'present' END AS status
FROM (${SEGMENT_DAYS_SQL}) ORDER BY student_id, date`;

/** Summary attendance rows (one per student × school × year) in a fixed order. */
export const SUMMARY_ROWS_SQL = `
SELECT student_id, school_id, year AS school_year, count(*)::INTEGER AS days_enrolled,
  sum(CASE WHEN u < r_obs THEN 1 ELSE 0 END)::INTEGER AS days_absent
FROM (${SEGMENT_DAYS_SQL}) GROUP BY ALL ORDER BY student_id, school_year, school_id`;

/** Per student and year: days enrolled and days absent observed, without and with a visit. */
export const ABSENCE_BY_STUDENT_SQL = `
SELECT idx, year, count(*)::DOUBLE AS enrolled,
  sum(CASE WHEN u < r_obs THEN 1 ELSE 0 END)::DOUBLE AS absent_obs,
  sum(CASE WHEN u < r0 THEN 1 ELSE 0 END)::DOUBLE AS absent0,
  sum(CASE WHEN u < r1 THEN 1 ELSE 0 END)::DOUBLE AS absent1
FROM (${SEGMENT_DAYS_SQL}) GROUP BY idx, year ORDER BY year, idx`;

/** Per student: the observed absence rate of one year (the prior year's drives selection into visits). */
export function absenceRateSql(year: number): string {
  return `SELECT idx::DOUBLE AS idx, absent_obs / enrolled AS rate FROM (${ABSENCE_BY_STUDENT_SQL}) WHERE year = ${year}`;
}

/** Per student: days enrolled and days absent without and with a visit in one year, for the truth. */
export function potentialAbsenceSql(year: number): string {
  return `SELECT idx::DOUBLE AS idx, enrolled, absent0, absent1 FROM (${ABSENCE_BY_STUDENT_SQL}) WHERE year = ${year}`;
}

/** COPY the daily or summary attendance rows to a CSV file at `pathLiteral` (an SQL string literal). */
export function copyAttendanceSql(kind: 'daily' | 'summary', pathLiteral: string): string {
  return `COPY (${kind === 'daily' ? DAILY_ROWS_SQL : SUMMARY_ROWS_SQL}) TO ${pathLiteral} (HEADER, DELIMITER ',')`;
}
