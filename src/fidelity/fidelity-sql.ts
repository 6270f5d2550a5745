/**
 * The SQL of the fidelity measures: one temp table of the outcome year's visits with the per-visit practice
 * fields, then aggregate queries over it, student_year and the optional educators roster. Each aggregate
 * query groups by GROUPING SETS ((school_id, …), (…)): the rows with `site` true are the whole site.
 */
import { schoolYearOf } from '../contract/school-year-sql.js';

/** What the fidelity SQL needs to know about the run. */
export interface FidelitySqlOptions {
  outcomeYear: number;
  yearStart: string;
  reflectionDays: number;
}

/** The educator ids of a visit: educator_ids split on ';', trimmed, empty ones dropped, distinct. */
const EDUCATOR_IDS = `list_distinct(list_filter(list_transform(string_split(v.educator_ids, ';'), lambda x: trim(x)), lambda x: x <> ''))`;

/**
 * fid_visits: every visit whose visit_date falls in Y's window (the same rule as student_year's visits_y), with
 * its educators (the distinct ids, else educator_count), lead and reflection lag in days, and the visiting
 * school's first school day.
 */
export function fidelityVisitsSql(o: FidelitySqlOptions): string {
  return `CREATE OR REPLACE TEMP TABLE fid_visits AS
    WITH ids AS (
      SELECT v.*, ${EDUCATOR_IDS} AS ids FROM visits v WHERE ${schoolYearOf('v.visit_date', o.yearStart)} = ${o.outcomeYear}
    )
    SELECT v.visit_id, v.student_id, v.school_id, v.status, v.visit_date, v.visit_type, v.scheduled_date,
           date_diff('day', v.scheduled_date, v.visit_date) AS lead_days,
           CASE WHEN len(v.ids) > 0 THEN v.ids END AS educator_list,
           coalesce(CASE WHEN len(v.ids) > 0 THEN len(v.ids) END, v.educator_count) AS n_educators,
           v.compensated, v.stipend_amount, v.duration_min, v.reflection_date,
           date_diff('day', v.visit_date, v.reflection_date) AS reflection_lag,
           strftime(v.visit_date, '%Y-%m') AS month,
           fd.first_day
    FROM ids v LEFT JOIN fid_first_day fd ON fd.school_id = v.school_id`;
}

/**
 * fid_first_day: each school's first school day of Y, as student_year's summer rule takes it: the earliest
 * attendance date of Y at the school, else (summary attendance has no dates) August 15 of Y − 1.
 */
export function firstSchoolDaySql(o: FidelitySqlOptions): string {
  return `CREATE OR REPLACE TEMP TABLE fid_first_day AS
    WITH schools AS (
      SELECT school_id FROM student_year UNION SELECT school_id FROM visits WHERE ${schoolYearOf('visit_date', o.yearStart)} = ${o.outcomeYear}
    ), start AS (
      SELECT school_id, min(first_date) AS first_date FROM att_school_year WHERE school_year = ${o.outcomeYear} GROUP BY school_id
    )
    SELECT s.school_id, coalesce(st.first_date, make_date(${o.outcomeYear - 1}, 8, 15)) AS first_day,
           CASE WHEN st.first_date IS NULL THEN 'default' ELSE 'attendance' END AS first_day_source
    FROM schools s LEFT JOIN start st USING (school_id)`;
}

/** Which practice fields the completed visits of Y record at all, and whether the students of Y carry a family_id. */
export function recordedSql(o: FidelitySqlOptions): string {
  return `SELECT count(scheduled_date) > 0 AS scheduled_date, count(n_educators) > 0 AS educators,
      count(educator_list) > 0 AS educator_ids, count(compensated) > 0 AS compensated,
      count(stipend_amount) > 0 AS stipend_amount, count(visit_type) > 0 AS visit_type,
      count(reflection_date) > 0 AS reflection_date, count(duration_min) > 0 AS duration_min,
      (SELECT count(family_id) > 0 FROM students WHERE school_year = ${o.outcomeYear}) AS family_id
    FROM fid_visits WHERE status = 'completed'`;
}

/** Per visiting school and for the site: visits by status and the visit-level practice counts over completed visits. */
export function visitAggregatesSql(o: FidelitySqlOptions): string {
  const c = `status = 'completed'`;
  return `SELECT GROUPING(school_id) = 1 AS site, school_id,
      count(*) FILTER (WHERE ${c})::INTEGER AS completed,
      count(*) FILTER (WHERE status = 'attempted')::INTEGER AS attempted,
      count(*) FILTER (WHERE status = 'cancelled')::INTEGER AS cancelled,
      count(*) FILTER (WHERE status = 'declined')::INTEGER AS declined,
      count(*) FILTER (WHERE ${c} AND scheduled_date IS NOT NULL)::INTEGER AS scheduled,
      count(*) FILTER (WHERE ${c} AND scheduled_date < visit_date)::INTEGER AS prearranged,
      median(lead_days) FILTER (WHERE ${c})::DOUBLE AS median_lead_days,
      count(*) FILTER (WHERE ${c} AND n_educators IS NOT NULL)::INTEGER AS pairs_of,
      count(*) FILTER (WHERE ${c} AND n_educators >= 2)::INTEGER AS pairs,
      count(*) FILTER (WHERE ${c} AND compensated IS NOT NULL)::INTEGER AS paid_of,
      count(*) FILTER (WHERE ${c} AND compensated)::INTEGER AS paid,
      sum(stipend_amount) FILTER (WHERE ${c})::DOUBLE AS stipend_total,
      count(*) FILTER (WHERE ${c} AND reflection_lag BETWEEN 0 AND ${o.reflectionDays})::INTEGER AS reflection,
      (sum(duration_min) FILTER (WHERE ${c}) / 60)::DOUBLE AS visit_hours,
      (sum(duration_min * n_educators) FILTER (WHERE ${c}) / 60)::DOUBLE AS educator_visit_hours,
      count(*) FILTER (WHERE ${c} AND visit_date < first_day)::INTEGER AS summer_visits
    FROM fid_visits GROUP BY GROUPING SETS ((school_id), ())`;
}

/** Per visiting school and for the site: completed visits of Y by calendar month (YYYY-MM). */
export function visitsByMonthSql(): string {
  return `SELECT GROUPING(school_id) = 1 AS site, school_id, month, count(*)::INTEGER AS visits
    FROM fid_visits WHERE status = 'completed'
    GROUP BY GROUPING SETS ((school_id, month), (month)) ORDER BY site, school_id, month`;
}

/**
 * The distinct educators on completed visits of Y (per visiting school and for the site) and, with a roster,
 * the roster size of Y (rows of Y or without a school_year), the roster educators who visited for that school,
 * and the trained ones among the visiting roster educators.
 */
export function educatorAggregatesSql(o: FidelitySqlOptions, hasRoster: boolean): string {
  const visiting = `SELECT DISTINCT school_id, unnest(educator_list) AS educator_id FROM fid_visits WHERE status = 'completed' AND educator_list IS NOT NULL`;
  if (!hasRoster) {
    return `SELECT GROUPING(school_id) = 1 AS site, school_id, count(DISTINCT educator_id)::INTEGER AS visiting_educators,
        NULL::INTEGER AS roster, NULL::INTEGER AS roster_visited, NULL::INTEGER AS trained_of, NULL::INTEGER AS trained
      FROM (${visiting}) GROUP BY GROUPING SETS ((school_id), ())`;
  }
  return `WITH visiting AS (${visiting}),
    roster AS (
      SELECT educator_id, school_id, bool_or(trained) AS trained FROM educators
      WHERE school_year = ${o.outcomeYear} OR school_year IS NULL GROUP BY educator_id, school_id
    ), joined AS (
      SELECT coalesce(r.school_id, v.school_id) AS school_id, coalesce(r.educator_id, v.educator_id) AS educator_id,
             r.educator_id IS NOT NULL AS on_roster, v.educator_id IS NOT NULL AS visited, r.trained
      FROM roster r FULL JOIN visiting v ON v.school_id = r.school_id AND v.educator_id = r.educator_id
    )
    SELECT GROUPING(school_id) = 1 AS site, school_id,
      count(DISTINCT educator_id) FILTER (WHERE visited)::INTEGER AS visiting_educators,
      count(DISTINCT educator_id) FILTER (WHERE on_roster)::INTEGER AS roster,
      count(DISTINCT educator_id) FILTER (WHERE on_roster AND visited)::INTEGER AS roster_visited,
      count(DISTINCT educator_id) FILTER (WHERE on_roster AND visited AND trained IS NOT NULL)::INTEGER AS trained_of,
      count(DISTINCT educator_id) FILTER (WHERE on_roster AND visited AND trained)::INTEGER AS trained
    FROM joined GROUP BY GROUPING SETS ((school_id), ())`;
}

/**
 * The students of the analytic sample (enrolled in Y at least min_days_enrolled days, in a program school unless the
 * comparison is all schools: so the site's counts are the sample flow's, and a school's are its subgroup row's), at
 * their primary school, with their family_id (from the students row of that school and year)
 * and their first completed visit of Y (by visit_date, then visit_id) and whether an academic visit followed it on a later day.
 */
function reachStudents(o: FidelitySqlOptions): string {
  return `WITH ranked AS (
      SELECT student_id, visit_type, visit_date, min(visit_date) OVER (PARTITION BY student_id) AS first_date,
             row_number() OVER (PARTITION BY student_id ORDER BY visit_date, visit_id) AS k
      FROM fid_visits WHERE status = 'completed'
    ), firsts AS (
      SELECT student_id, max(visit_type) FILTER (WHERE k = 1) AS first_type,
             coalesce(bool_or(visit_type = 'academic' AND visit_date > first_date), false) AS later_academic
      FROM ranked GROUP BY student_id
    )
    SELECT y.student_id, y.school_id, y.visited, y.summer_visit, y.in_program_school,
           date_diff('day', fd.first_day, y.first_visit_date) AS days_to_first_visit,
           s.family_id,
           -- the first visit of a visited student only; firsts has one row per student. (A join condition on y.visited
           -- would make DuckDB plan a nested-loop join: students × visited students, minutes at 1M students.)
           CASE WHEN y.visited = 1 THEN f.first_type END AS first_type, CASE WHEN y.visited = 1 THEN f.later_academic END AS later_academic
    FROM student_year y
    LEFT JOIN students s ON s.student_id = y.student_id AND s.school_id = y.school_id AND s.school_year = ${o.outcomeYear}
    LEFT JOIN fid_first_day fd ON fd.school_id = y.school_id
    LEFT JOIN firsts f ON f.student_id = y.student_id
    WHERE y.analytic = 1`;
}

/**
 * Per primary school and for the site: students and visited students, families (distinct family_id, plus each
 * student without one) and visited families, relationship-first and later-academic counts among visited students,
 * summer first visits and the median days from the school's first day to the first visit.
 */
export function reachAggregatesSql(o: FidelitySqlOptions): string {
  const families = (filter: string) =>
    `(count(DISTINCT family_id) FILTER (WHERE ${filter}) + count(*) FILTER (WHERE ${filter} AND family_id IS NULL))::INTEGER`;
  return `SELECT GROUPING(school_id) = 1 AS site, school_id,
      count(*)::INTEGER AS students,
      count(*) FILTER (WHERE visited = 1)::INTEGER AS students_visited,
      ${families('true')} AS families,
      ${families('visited = 1')} AS families_visited,
      count(*) FILTER (WHERE first_type IS NOT NULL)::INTEGER AS first_typed,
      count(*) FILTER (WHERE first_type = 'relationship')::INTEGER AS relationship_first,
      count(*) FILTER (WHERE first_type IS NOT NULL AND later_academic)::INTEGER AS later_academic,
      count(*) FILTER (WHERE visited = 1 AND summer_visit = 1)::INTEGER AS first_visit_summer,
      median(days_to_first_visit) FILTER (WHERE visited = 1)::DOUBLE AS median_days_to_first_visit
    FROM (${reachStudents(o)}) GROUP BY GROUPING SETS ((school_id), ())`;
}

/**
 * Count, mean and sample variance of each prior-year measure by visited, per primary school and for the site, over
 * the analytic sample (as the reach counts).
 */
export function targetingMomentsSql(covariates: readonly string[]): string {
  const moments = covariates
    .map((c) => `count(${c})::INTEGER AS ${c}_n, avg(${c})::DOUBLE AS ${c}_mean, var_samp(${c})::DOUBLE AS ${c}_var`)
    .join(',\n      ');
  return `SELECT false AS site, school_id, visited, ${moments}
    FROM student_year WHERE analytic = 1 GROUP BY school_id, visited
    UNION ALL
    SELECT true AS site, NULL AS school_id, visited, ${moments}
    FROM student_year WHERE analytic = 1 GROUP BY visited`;
}

/** Which of the prior-year measures any student of Y has (a measure no student has is left out, e.g. without discipline). */
export function presentCovariatesSql(covariates: readonly string[]): string {
  return `SELECT ${covariates.map((c) => `count(${c}) > 0 AS ${c}`).join(', ')} FROM student_year WHERE enrolled_min_days = 1`;
}

/** The schools of the measures: every primary school of student_year and every school that made a visit in Y, with its first day. */
export function schoolsSql(): string {
  return `SELECT fd.school_id, strftime(fd.first_day, '%Y-%m-%d') AS first_day, fd.first_day_source,
      fd.school_id IN (SELECT school_id FROM fid_visits WHERE status = 'completed') AS program_school
    FROM fid_first_day fd ORDER BY fd.school_id`;
}

/** Drop the temp tables of the fidelity SQL. */
export function dropFidelityTablesSql(): string {
  return ['fid_visits', 'fid_first_day'].map((t) => `DROP TABLE IF EXISTS ${t}`).join('; ');
}
