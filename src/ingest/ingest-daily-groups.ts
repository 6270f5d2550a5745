import type { DuckDBConnection } from '@duckdb/node-api';
import type { ResolvedSource } from './resolve-source.js';
import type { CheckContext } from './check-sql.js';
import { accounting, readWhole, rejectsByReason, rejectTableSql, type ExtractAccounting, type PreparedSource } from './ingest-extract.js';
import { dropLines, readMalformed } from './read-raw.js';
import { DAILY_GROUPS_TABLE } from './daily-groups-table.js';
import { absentDaysSql } from '../analytic/student-year-sql.js';
import { schoolYearInSql } from '../contract/school-year-sql.js';
import { queryOne, queryRows } from '../util/duckdb.js';
import { ident } from '../util/sql.js';

/**
 * A day's place in its school year, 0–365: days since 1900-01-01 modulo 366. The days of one school year (at most
 * 366 in a row) all differ, so two accepted rows of a student in one school year share a place only on the same day.
 */
const DAY_PLACE = `((date - DATE '1900-01-01') % 366)`;

/** Whether daily attendance can be ingested as groups: the spec's key is (student, date) and no header hides a row-number column. */
export function canGroup(p: PreparedSource, ctx: CheckContext): boolean {
  const hidden = p.raw.headers.some((h) => ['file_row_number', '__rid'].includes(h.toLowerCase()));
  return p.spec.name === 'attendance_daily' && p.spec.key.join(',') === 'student_id,date' && !!ctx.knownStudents && !!ctx.years && !hidden;
}

/**
 * Ingest daily attendance without storing its rows: the table `attendance_daily_groups` (see DAILY_GROUPS_TABLE)
 * and `rej_attendance_daily`, with the same rules, reasons, precedence, accounting and source lines as
 * `ingestRows` gives (test/ingest/daily-groups.test.ts compares the two).
 *
 * 1. One parallel scan checks every row and adds it to its student × school × school-year group: accepted days,
 *    absences, first day, missing values, a bitmap of its days, and the count of rows that break a rule.
 * 2. From the groups alone: the students not in the students extract (unknown_student), and the students whose
 *    accepted rows may repeat a day (rows outnumber the distinct days of their bitmaps, across their schools).
 * 3. Only when a row breaks a rule or such a student exists, a second scan keeps those rows and every row of those
 *    students, numbered in file order (a Parquet row by its row number; a CSV read on one thread), and the rules
 *    that need them (unknown student, duplicate day) run on that small table as in `ingestRows`. Those students'
 *    groups are rebuilt from their accepted rows.
 */
export async function ingestDailyGroups(conn: DuckDBConnection, p: PreparedSource, resolved: ResolvedSource, ctx: CheckContext): Promise<ExtractAccounting> {
  const { raw, plan, spec, glob } = p;
  const name = spec.name;
  const grp = `grp_${name}`;
  const tgt = `tgt_${name}`;
  const chk = `chk_${name}`;
  const dup = `dup_${name}`;
  const known = `(SELECT student_id FROM ${ctx.knownStudents} WHERE student_id IS NOT NULL)`;
  const nativeHeaders = [...p.native.keys()].map((c) => p.map[c]!);
  const year = schoolYearInSql('date', ctx.years!, ctx.yearStart);
  const optional = spec.columns.filter((c) => !c.required && !c.default && p.map[c.name]);
  const missing = (filter: string) => optional.map((c) => `, count(*) FILTER (WHERE ${filter}${ident(c.name)} IS NULL)::BIGINT AS missing_${c.name}`).join('');

  // 1. check and group in one scan
  await conn.run(`DROP TABLE IF EXISTS ${raw.rejectsTable}; DROP TABLE IF EXISTS ${raw.rejectsScan}`);
  await readWhole(
    conn,
    resolved,
    `CREATE OR REPLACE TABLE ${grp} AS
    SELECT ${glob ? '__f, ' : ''}student_id, school_id, ${year} AS school_year,
      count(*) FILTER (WHERE __chk IS NULL)::BIGINT AS n_ok,
      count(*) FILTER (WHERE __chk IS NOT NULL)::BIGINT AS n_bad,
      ${absentDaysSql('__chk IS NULL')} AS days_absent,
      min(date) FILTER (WHERE __chk IS NULL) AS first_date${missing('__chk IS NULL AND ')},
      bitstring_agg(${DAY_PLACE}, 0, 365) FILTER (WHERE __chk IS NULL AND ${DAY_PLACE} BETWEEN 0 AND 365) AS days
    FROM (${plan.select(raw.fromWith(nativeHeaders), { lean: true })})
    GROUP BY ALL`,
  );

  // the number of each file's first record in file order (the records of the files before it)
  const perFile = glob ? `SELECT __f, sum(n_ok + n_bad) AS n FROM ${grp} GROUP BY __f` : `SELECT 0 AS __f, sum(n_ok + n_bad) AS n FROM ${grp}`;
  const firstRowids = `SELECT __f, (sum(n) OVER (ORDER BY __f) - n)::BIGINT AS first_rowid FROM (${perFile}) WHERE n > 0`;
  const lines = await readMalformed(conn, name, raw, grp, firstRowids);

  // 2. the students whose rows the rules need: unknown ones, and known ones that may repeat a day
  await conn.run(`CREATE OR REPLACE TABLE ${tgt} AS
    SELECT DISTINCT student_id FROM ${grp} WHERE student_id IS NOT NULL AND student_id NOT IN ${known}
    UNION
    SELECT student_id FROM ${grp} WHERE n_ok > 0 AND student_id IN ${known} GROUP BY student_id, school_year
    HAVING sum(n_ok) <> coalesce(bit_count(bit_or(days)), 0)`);
  const need = (await queryOne<{ bad: number; students: number; records: number }>(
    conn,
    `SELECT coalesce((SELECT sum(n_bad) FROM ${grp}), 0)::BIGINT AS bad, (SELECT count(*) FROM ${tgt})::BIGINT AS students,
            coalesce((SELECT sum(n_ok + n_bad) FROM ${grp}), 0)::BIGINT AS records`,
  ))!;
  const records = Number(need.records);

  // 3. those rows, numbered in file order (none read when there are none)
  const offsets = raw.format === 'parquet' && glob ? await fileOffsets(conn, firstRowids, raw.files.length) : undefined;
  const needed = Number(need.bad) > 0 || Number(need.students) > 0;
  const keep = needed ? `__chk IS NOT NULL OR student_id IN (SELECT student_id FROM ${tgt})` : 'false';
  const threads = (await queryOne<{ n: number }>(conn, `SELECT current_setting('threads')::INTEGER AS n`))!.n;
  if (raw.format === 'csv') await conn.run('SET threads = 1');
  try {
    // the last record is kept too, to check that this read numbers the records the first one counted
    await readWhole(
      conn,
      resolved,
      `CREATE OR REPLACE TABLE ${chk} AS
      SELECT * FROM (SELECT *, coalesce(${keep}, false) AS __keep FROM (${plan.select(raw.numbered(nativeHeaders, offsets), { carry: ['__rid'] })}))
      WHERE __keep${needed ? ` OR __rid = ${records - 1}` : ''}`,
    );
    if (needed) await checkSameRecords(conn, chk, records, raw.format === 'csv' ? `${raw.rejectsTable}_2` : null, lines.malformedTable, resolved.pattern);
  } finally {
    if (raw.format === 'csv') await conn.run(`SET threads = ${threads}`);
    await conn.run(`DROP TABLE IF EXISTS ${raw.rejectsTable}_2; DROP TABLE IF EXISTS ${raw.rejectsScan}_2`);
  }
  await conn.run(`DELETE FROM ${chk} WHERE NOT __keep; ALTER TABLE ${chk} DROP COLUMN __keep`);
  if (plan.unknownStudentSql) await conn.run(plan.unknownStudentSql);
  await conn.run(`CREATE OR REPLACE TABLE ${dup} AS
    SELECT __rid FROM ${chk} WHERE __chk IS NULL QUALIFY row_number() OVER (PARTITION BY student_id, date ORDER BY __rid) > 1`);
  await conn.run(rejectTableSql(p, lines, chk, dup, '__rid'));

  // the accepted days: the groups of known students that repeat no day, and the rebuilt groups of the others
  await conn.run(`CREATE OR REPLACE TABLE ${DAILY_GROUPS_TABLE} AS
    SELECT student_id, school_id, school_year, sum(n_ok)::DOUBLE AS days_enrolled, sum(days_absent)::DOUBLE AS days_absent,
           min(first_date) AS first_date${optional.map((c) => `, sum(missing_${c.name})::BIGINT AS missing_${c.name}`).join('')}
    FROM ${grp}
    WHERE n_ok > 0 AND student_id IN ${known} AND student_id NOT IN (SELECT student_id FROM ${tgt})
    GROUP BY student_id, school_id, school_year
    UNION ALL BY NAME
    SELECT student_id, school_id, ${year} AS school_year, count(*)::DOUBLE AS days_enrolled, ${absentDaysSql()}::DOUBLE AS days_absent,
           min(date) AS first_date${missing('')}
    FROM ${chk} WHERE __chk IS NULL AND __rid NOT IN (SELECT __rid FROM ${dup})
    GROUP BY ALL`);

  const counts = (await queryOne<{ read: number; accepted: number; rejected: number }>(
    conn,
    `SELECT (${records} + (SELECT count(*) FROM ${lines.malformedTable}))::BIGINT AS read,
            (SELECT coalesce(sum(days_enrolled), 0) FROM ${DAILY_GROUPS_TABLE})::BIGINT AS accepted,
            (SELECT count(*) FROM rej_${name})::BIGINT AS rejected`,
  ))!;
  await dropLines(conn, lines);
  await conn.run(`DROP TABLE ${grp}; DROP TABLE ${tgt}; DROP TABLE ${chk}; DROP TABLE ${dup}; DROP TABLE IF EXISTS ${name}`);
  const n = { read: Number(counts.read), accepted: Number(counts.accepted), rejected: Number(counts.rejected) };
  return { ...accounting(p, resolved, n, await rejectsByReason(conn, name)), grouped: true };
}

/**
 * That the second read numbered the records the first one grouped (0 … records − 1, the last one kept) and, for a
 * CSV, found as many malformed lines: else the source lines of the rejects would be wrong without a sign.
 */
async function checkSameRecords(conn: DuckDBConnection, chk: string, records: number, rejects2: string | null, malformed: string, source: string): Promise<void> {
  const got = (await queryOne<{ last: number; max: number; bad: number }>(
    conn,
    `SELECT (SELECT count(*) FROM ${chk} WHERE __rid = ${records - 1})::BIGINT AS last, (SELECT coalesce(max(__rid), -1) FROM ${chk})::BIGINT AS max,
            ${rejects2 ? `(SELECT count(DISTINCT (scan_id, file_id, line)) FROM ${rejects2})` : '0'}::BIGINT AS bad`,
  ))!;
  const lines = Number((await queryOne<{ n: number }>(conn, `SELECT count(*)::BIGINT AS n FROM ${malformed}`))!.n);
  if (Number(got.last) !== 1 || Number(got.max) !== records - 1 || (rejects2 && Number(got.bad) !== lines)) {
    throw new Error(`The second read of ${source} numbered its records differently from the first (${records} records, ${lines} malformed lines): its source lines would be wrong.`);
  }
}

/**
 * Per file of a Parquet glob, the rows of the files before it (`firstRowids`, the same numbers the source lines
 * use): added to a row's number in its file, its number in the whole read. A file without rows needs none (0).
 */
async function fileOffsets(conn: DuckDBConnection, firstRowids: string, files: number): Promise<number[]> {
  const first = new Map((await queryRows<{ f: number; r: number }>(conn, `SELECT __f AS f, first_rowid AS r FROM (${firstRowids})`)).map((x) => [x.f, x.r]));
  return Array.from({ length: files }, (_, f) => first.get(f) ?? 0);
}
