/**
 * A canonical-contract district for the bench, written by DuckDB alone (fast at 1M students): students,
 * visits, daily attendance for two school years (2016 and 2017, 170 weekdays each), discipline,
 * assessments and schools. Every draw is a hash of (seed, entity, day, stream) mapped to [0, 1), never
 * random(), so the data are the same on any number of threads (only the row order of a file may differ).
 *
 * Design: ≈ 400 students per school; 70% of schools run the program and visit ≈ 36% of their students
 * (≈ 25% overall), a little more often those with a high absence propensity; a visit cuts the daily
 * absence probability in 2017 by 20%, adds 0.05 SD to the 2017 scores and lowers 2017 incidents.
 */

/** What `districtSql` writes. */
export interface DistrictSpec {
  students: number;
  seed: number;
  /** folder that gets `csv/` and `parquet/` (each: students, visits, attendance, discipline, assessments, schools) */
  out: string;
  formats: readonly ('csv' | 'parquet')[];
}

/** Students per school in the bench districts. */
export const STUDENTS_PER_SCHOOL = 400;
/** School days per school year (Monday to Friday from the third Monday of August). */
export const DAYS_PER_YEAR = 170;
/** The outcome year of the bench districts (the school year 2016–17); 2016 is the baseline year. */
export const OUTCOME_YEAR = 2017;

/** The extracts written, in the order the bench pipeline names them. */
export const EXTRACTS = ['students', 'visits', 'attendance', 'discipline', 'assessments', 'schools'] as const;

/** Number of schools for a district of `students` students. */
export function schoolCount(students: number): number {
  return Math.max(4, Math.round(students / STUDENTS_PER_SCHOOL));
}

/**
 * SQL for a 64-bit hash of the seed and the given SQL parts. DuckDB combines the hashes of several arguments
 * so that two streams of one entity are strongly correlated (hash(7, i, 'visit') vs hash(7, i, 'school'):
 * r = −0.97 over 100k i), so the combined hash is hashed once more (r ≈ 0).
 */
export function hashOf(seed: number, ...parts: string[]): string {
  return `hash(hash(${seed}, ${parts.join(', ')}))`;
}

/** SQL for a uniform draw in [0, 1) from a hash of the seed and the given SQL parts (53 bits). */
export function u01(seed: number, ...parts: string[]): string {
  return `((${hashOf(seed, ...parts)} >> 11)::DOUBLE / 9007199254740992.0)`;
}

/** The SELECT of each extract, from the helper tables `kids`, `enrol` and `sch` that `districtSql` builds. */
export function extractSelects(seed: number): Record<(typeof EXTRACTS)[number], string> {
  const u = (...p: string[]) => u01(seed, ...p);
  // the day index d (0..169) of school year y as a date: weeks from the first Monday, weekdays only
  const day = (d: string) => `(CASE y WHEN 2016 THEN DATE '2015-08-17' ELSE DATE '2016-08-15' END + (7 * (${d} // 5) + ${d} % 5)::INTEGER)`;
  const normal = (a: string, b: string) => `(sqrt(-2 * ln(1 - ${a})) * cos(2 * pi() * ${b}))`;
  return {
    schools: `SELECT school_id, 'School ' || n AS school_name, 'bench' AS site, 'CA' AS state, ${u('n', "'t1'")} < 0.6 AS title1,
        (SELECT count(*) FROM kids k WHERE k.school_no = sch.n)::INTEGER AS enrollment FROM sch ORDER BY n`,
    students: `SELECT student_id, school_id, y AS school_year, CASE g WHEN -1 THEN 'pk' WHEN 0 THEN 'k' ELSE g::VARCHAR END AS grade,
        ${day('d0')} AS entry_date, NULL::DATE AS exit_date, gender, race_ethnicity, frl, ell, swd, family_id
      FROM enrol ORDER BY y, i`,
    attendance: `SELECT student_id, school_id, ${day('d')} AS date,
        CASE WHEN (h >> 32)::DOUBLE / 4294967296.0 < p THEN
               CASE WHEN (h & 65535) < 32768 THEN 'excused' WHEN (h & 65535) < 62259 THEN 'unexcused' ELSE 'suspended' END
             WHEN (h & 65535) < 1966 THEN 'tardy' ELSE 'present' END AS status,
        CASE WHEN (h >> 32)::DOUBLE / 4294967296.0 < p AND ((h >> 16) & 65535) < 6554 THEN 0.5 END AS duration
      FROM (SELECT e.*, d, ${hashOf(seed, 'i', 'y * 1000 + d', "'att'")} AS h FROM enrol e, range(${DAYS_PER_YEAR}) r(d) WHERE d >= d0)`,
    discipline: `SELECT 'I' || y || '-' || i || '-' || j AS incident_id, student_id, school_id,
        ${day(`floor(${u('i', 'y', 'j', "'idate'")} * ${DAYS_PER_YEAR})::INTEGER`)} AS incident_date,
        ['defiance', 'disruption', 'fighting', 'other'][1 + floor(${u('i', 'y', 'j', "'beh'")} * 4)::INTEGER] AS behavior,
        CASE WHEN ua < 0.6 THEN 'referral' WHEN ua < 0.75 THEN 'in_school_suspension' WHEN ua < 0.9 THEN 'out_of_school_suspension'
             WHEN ua < 0.91 THEN 'expulsion' ELSE 'other' END AS action,
        CASE WHEN ua >= 0.6 AND ua < 0.9 THEN 1 + floor(${u('i', 'y', 'j', "'days'")} * 3) END AS action_days
      FROM (SELECT e.*, j, ${u('i', 'y', 'j', "'act'")} AS ua,
                   ${u('i', 'y', "'inc'")} * (CASE WHEN y = 2017 AND visited THEN 0.85 ELSE 1 END) AS ui
            FROM enrol e, range(3) r(j))
      WHERE j < CASE WHEN ui > 0.98 + 0.2 * p THEN 3 WHEN ui > 0.93 + 0.2 * p THEN 2 WHEN ui > 0.80 + 0.3 * p THEN 1 ELSE 0 END`,
    assessments: `SELECT student_id, y AS school_year, subject, g::VARCHAR AS grade_tested, scale_score,
        CASE WHEN z < -0.7 THEN 1 WHEN z < 0 THEN 2 WHEN z < 0.8 THEN 3 ELSE 4 END AS performance_level, NULL::BOOLEAN AS proficient
      FROM (SELECT *, (scale_score - 2400 - 30 * g) / 90.0 AS z FROM (
        SELECT e.*, subject, round(2400 + 30 * g + 80 * ability + 40 * ${normal(u('i', 'y', 'subject', "'n1'"), u('i', 'y', 'subject', "'n2'"))}
                                   - 200 * p + CASE WHEN y = 2017 AND visited THEN 4 ELSE 0 END)::INTEGER AS scale_score
        FROM enrol e, (VALUES ('ela'), ('math')) s(subject) WHERE g BETWEEN 3 AND 8 OR g = 11))`,
    visits: `SELECT 'V' || i || '-' || k AS visit_id, student_id, school_id, visit_date, visit_date - 7 AS scheduled_date,
        CASE WHEN k = 1 THEN 'relationship' ELSE 'academic' END AS visit_type, status,
        'E' || school_no || '-' || (1 + floor(${u('i', 'k', "'ed'")} * 12)::INTEGER) ||
          CASE WHEN ${u('i', 'k', "'pair'")} < 0.8 THEN ';E' || school_no || '-' || (13 + floor(${u('i', 'k', "'ed2'")} * 12)::INTEGER) ELSE '' END AS educator_ids,
        true AS compensated, 35.0 AS stipend_amount, 45 + floor(${u('i', 'k', "'min'")} * 30) AS duration_min, 'english' AS language,
        CASE WHEN status = 'completed' THEN visit_date + 2 END AS reflection_date
      FROM (SELECT kd.*, v.k, CASE WHEN kd.visited THEN 'completed' ELSE 'attempted' END AS status,
                   CASE WHEN v.k = 1 AND ${u('i', "'summer'")} < 0.1 THEN DATE '2016-07-18' + floor(${u('i', "'sd'")} * 21)::INTEGER
                        WHEN v.k = 1 THEN DATE '2016-08-22' + floor(${u('i', "'fd'")} * 70)::INTEGER
                        ELSE DATE '2017-01-09' + floor(${u('i', "'wd'")} * 70)::INTEGER END AS visit_date
            FROM kids kd, (VALUES (1), (2)) v(k)
            WHERE (kd.visited AND (v.k = 1 OR ${u('i', "'second'")} < 0.55))
               OR (NOT kd.visited AND kd.program AND v.k = 1 AND ${u('i', "'attempt'")} < 0.1))
      ORDER BY i, k`,
  };
}

/** Every statement that builds the helper tables and writes the extracts (run them in order on one connection). */
export function districtSql(spec: DistrictSpec): string[] {
  const { seed } = spec;
  const u = (...p: string[]) => u01(seed, ...p);
  const S = schoolCount(spec.students);
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const selects = extractSelects(seed);
  const copies = spec.formats.flatMap((f) =>
    EXTRACTS.map((x) => `COPY (${selects[x]}) TO ${lit(`${spec.out}/${f}/${x}.${f}`)} (${f === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet, COMPRESSION zstd'})`),
  );
  return [
    `CREATE TABLE sch AS SELECT n, 'SCH' || lpad(n::VARCHAR, 4, '0') AS school_id, ${u('n', "'prog'")} < 0.7 AS program FROM range(1, ${S + 1}) r(n)`,
    // one row per student: school, grade in 2017 (0 = k; -1 = pk in 2016), traits, the absence propensity p and treatment
    `CREATE TABLE kids AS
      SELECT b.*, sch.school_id, sch.program,
             sch.program AND ${u('i', "'visit'")} < 0.30 + 0.15 * (b.u_abs > 0.6)::INTEGER AS visited
      FROM (SELECT i, 'S' || lpad(i::VARCHAR, 7, '0') AS student_id, 1 + floor(${u('i', "'school'")} * ${S})::INTEGER AS school_no,
                   floor(${u('i', "'grade'")} * 13)::INTEGER AS g17, ${u('i', "'new'")} < 0.05 AS new17,
                   CASE WHEN ${u('i', "'late'")} < 0.04 THEN floor(${u('i', "'d0'")} * 120)::INTEGER ELSE 0 END AS d0_17,
                   CASE WHEN ${u('i', "'g'")} < 0.5 THEN 'female' ELSE 'male' END AS gender,
                   ['hispanic', 'white', 'black', 'asian', 'other'][1 + floor(${u('i', "'race'")} * 5)::INTEGER] AS race_ethnicity,
                   ${u('i', "'frl'")} < 0.6 AS frl, ${u('i', "'ell'")} < 0.2 AS ell, ${u('i', "'swd'")} < 0.12 AS swd,
                   'F' || CASE WHEN i % 2 = 1 AND ${u('i', "'sib'")} < 0.25 THEN i + 1 ELSE i END AS family_id,
                   ${u('i', "'abs'")} AS u_abs,
                   sqrt(-2 * ln(1 - ${u('i', "'a1'")})) * cos(2 * pi() * ${u('i', "'a2'")}) AS ability
            FROM range(1, ${spec.students + 1}) r(i)) b
      JOIN sch ON sch.n = b.school_no`,
    // one row per student × school year enrolled, with that year's daily absence probability p
    `CREATE TABLE enrol AS
      SELECT k.*, y, k.g17 - (2017 - y) AS g, CASE WHEN y = 2017 THEN d0_17 ELSE 0 END AS d0,
             (0.015 + 0.20 * u_abs * u_abs * u_abs) * (1 + 0.3 * frl::INTEGER) * CASE WHEN y = 2017 AND visited THEN 0.8 ELSE 1 END AS p
      FROM kids k, (VALUES (2016), (2017)) t(y)
      WHERE y = 2017 OR NOT new17`,
    ...copies,
  ];
}
