/** Who was in the program (hve run) or in which group (hve survey --group): `survey_groups`, one row per respondent and wave. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';
import { schoolYearOf } from '../contract/school-year-sql.js';
import { InputError } from '../util/input-error.js';

/** The educator ids of a visit: educator_ids split on ';', trimmed, empty ones dropped. */
const EDUCATORS = `list_filter(list_transform(string_split(educator_ids, ';'), lambda x: trim(x)), lambda x: x <> '')`;

/**
 * Program membership in Y from the ingested `visits` and `students`: a teacher is visiting when their educator_id
 * is on a completed visit of Y (and `visits` counts those visits); a parent is visited when their student, or a
 * student of their family (students.family_id in Y), had a completed visit of Y. grp is NULL for a teacher without
 * an educator_id or a parent without a student_id or family_id. Clusters are schools.
 */
export async function programMembership(conn: DuckDBConnection, outcomeYear: number, yearStart: string): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE survey_visits_y AS
      SELECT student_id, ${EDUCATORS} AS educators FROM visits WHERE status = 'completed' AND ${schoolYearOf('visit_date', yearStart)} = ${outcomeYear};
    CREATE OR REPLACE TABLE survey_visiting AS SELECT educator_id, count(*)::INTEGER AS visits FROM (SELECT unnest(educators) AS educator_id FROM survey_visits_y) GROUP BY 1;
    CREATE OR REPLACE TABLE survey_visited_families AS
      SELECT DISTINCT family_id FROM students WHERE school_year = ${outcomeYear} AND family_id IS NOT NULL AND student_id IN (SELECT student_id FROM survey_visits_y);
    CREATE OR REPLACE TABLE survey_groups AS
      SELECT r.respondent_id, r.wave, r.school_id AS cluster,
        CASE WHEN r.respondent_type = 'teacher' THEN CASE WHEN r.educator_id IS NULL THEN NULL WHEN v.educator_id IS NOT NULL THEN 1 ELSE 0 END
             WHEN r.student_id IS NULL AND r.family_id IS NULL THEN NULL
             WHEN r.student_id IN (SELECT student_id FROM survey_visits_y) OR r.family_id IN (SELECT family_id FROM survey_visited_families) THEN 1 ELSE 0 END AS grp,
        coalesce(v.visits, 0) AS visits
      FROM survey_resp r LEFT JOIN survey_visiting v ON r.respondent_type = 'teacher' AND v.educator_id = r.educator_id`);
}

/**
 * Groups from a column of the survey file (hve survey --group): it must hold two values; the level is `levelValue`
 * (--group-level, which must be one of them) or else the second in sort order (numeric when both are numbers), the
 * other the reference; a respondent without a value has none. Clusters are the --cluster column, else each respondent.
 */
export async function columnMembership(conn: DuckDBConnection, column: string, cluster: string | null, levelValue: string | null = null): Promise<{ level: string; reference: string }> {
  const col = ident(`x__${column}`);
  const values = (await queryRows<{ v: string }>(conn, `SELECT DISTINCT ${col} AS v FROM survey_resp WHERE ${col} IS NOT NULL ORDER BY TRY_CAST(v AS DOUBLE) NULLS LAST, v`)).map((r) => r.v);
  if (values.length !== 2) {
    throw new InputError(`--group ${column} must hold exactly two values to compare, but it holds ${values.length}${values.length ? ` (${values.slice(0, 5).join(', ')}${values.length > 5 ? ', …' : ''})` : ''}.`, { column });
  }
  if (levelValue !== null && !values.includes(levelValue)) {
    throw new InputError(`--group-level must be one of the values of --group ${column}, ${values.join(', ')} (got "${levelValue}").`, { column });
  }
  const [reference, level] = levelValue === null ? (values as [string, string]) : ([values.find((v) => v !== levelValue)!, levelValue] as const);
  await conn.run(`CREATE OR REPLACE TABLE survey_groups AS
    SELECT respondent_id, wave, ${cluster ? `coalesce(${ident(`x__${cluster}`)}, respondent_id)` : 'respondent_id'} AS cluster,
      CASE WHEN ${col} = ${lit(level)} THEN 1 WHEN ${col} = ${lit(reference)} THEN 0 END AS grp, 0 AS visits
    FROM survey_resp`);
  return { level, reference };
}
