/**
 * Daily attendance ingested as per student × school × year groups (src/ingest/ingest-daily-groups.ts) must give
 * exactly what the row path (`ingestExtract`, which keeps every accepted row) gives: the same reject rows (file,
 * line, reason, column, value, raw fields), the same accounting, and groups equal to the accepted rows summed.
 *
 * Files: a hand-annotated CSV with one row of every reason (the expected reasons below can be checked by reading
 * it), the same rows as a glob of two CSV files and as one and two Parquet files, and a 1.4M-row CSV (≈ 50 MB,
 * read by DuckDB on both threads) with bad rows, unknown students and repeated days scattered through it.
 */
import { describe, it, expect } from 'vitest';
import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { ingestAll } from '../../src/ingest/ingest-all.js';
import { ingestExtract } from '../../src/ingest/ingest-extract.js';
import { resolveSource } from '../../src/ingest/resolve-source.js';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import { absentDaysSql } from '../../src/analytic/student-year-sql.js';
import { schoolYearFast } from '../../src/contract/school-year-sql.js';
import { missingValues } from '../../src/quality/missing-values.js';
import { openDb, queryRows } from '../../src/util/duckdb.js';
import { freshDir } from '../helpers/paths.js';

const dir = freshDir('ingest-daily-groups');
const csv = (lines: string[]) => lines.join('\n') + '\n';
const HEADER = 'student_id,school_id,date,status,duration';
// line numbers are those of the single file (the header is line 1)
const ROWS = [
  'S1,A,2016-09-01,present,', // 2 accepted
  'S1,A,2016-09-02,unexcused,0.5', // 3 accepted
  'S1,B,2016-09-02,present,', // 4 duplicate_key: line 3's day, at another school
  'S2,A,2016-09-01,Present ,', // 5 accepted (trimmed, lower-cased)
  'S2,A,2016-09-01,present,', // 6 duplicate_key
  'S9,A,2016-09-01,present,', // 7 unknown_student
  'S9,A,2016-13-01,present,', // 8 bad_date (comes before unknown_student)
  'S9,A,2014-09-01,present,', // 9 unknown_student (comes before date_outside_year)
  'S3,A,2016-09-03,bogus,', // 10 unknown_code
  'S3,A,2016-09-03,present,', // 11 accepted: the only earlier row of its day is rejected
  'S3,A,2016-09-04,excused,1.5', // 12 out_of_range
  'S3,A,2016-09-04,excused,abc', // 13 bad_number
  ',A,2016-09-05,present,', // 14 missing_required (student_id)
  'S3,,2016-09-05,present,', // 15 missing_required (school_id)
  'S3,A,2014-09-05,present,', // 16 date_outside_year
  'S3,A,2016-09-03,tardy,', // 17 duplicate_key of line 11
  'S4,A,2017-03-01,suspended,', // 18 accepted
  'S4,A,2017-03-02,present,,extra', // 19 malformed_row
  'S4,A,2016-03-01,excused,', // 20 accepted (school year 2016)
  'S4,B,2017-03-01,P,', // 21 duplicate_key: P is mapped to present, line 18's day at another school
  'S1,A,infinity,present,', // 22 date_outside_year: infinity is in no school year
  'S1,B,-infinity,present,', // 23 date_outside_year
];
const STUDENTS = csv(['student_id,school_id,school_year,grade', 'S1,A,2017,3', 'S2,A,2017,4', 'S3,A,2017,5', 'S4,A,2017,5', 'S4,A,2016,4']);

interface Case {
  name: string;
  attendance: string;
}

function pipeline(c: Case): string {
  const file = join(dir, `${c.name}.yaml`);
  writeFileSync(
    file,
    stringify({
      name: 'Daily groups',
      site: 'groups',
      outcome_year: 2017,
      sources: {
        students: { path: c.name === 'large' ? 'large-students.csv' : 'students.csv' },
        visits: { path: 'visits.csv' },
        attendance: { path: c.attendance, values: { status: { P: 'present' } } },
      },
      output: join(dir, `report-${c.name}`),
    }),
  );
  return file;
}

interface Outcome {
  rejects: Record<string, unknown>[];
  groups: Record<string, unknown>[];
  accounting: unknown;
  missing: unknown;
}

const REJECT_ORDER = 'ORDER BY source_file, source_line, reason';

/** Both ways on one pipeline: the pipeline's ingest (groups) and the row path on the same files, in another database. */
async function bothWays(c: Case, threads = 2): Promise<{ groups: Outcome; rows: Outcome }> {
  const p = loadPipeline(pipeline(c));
  const a = await openDb(':memory:', { threads });
  const b = await openDb(':memory:', { threads });
  try {
    const ingest = await ingestAll(a.conn, p);
    const att = ingest.extracts.find((e) => e.extract === 'attendance')!;
    expect(att.grouped).toBe(true);
    const groups: Outcome = {
      rejects: await queryRows(a.conn, `SELECT * FROM rej_attendance_daily ${REJECT_ORDER}`),
      groups: await queryRows(a.conn, `SELECT * FROM attendance_daily_groups ORDER BY ALL`),
      accounting: { read: att.rows_read, accepted: att.rows_accepted, rejected: att.rows_rejected, by: att.rejected_by_reason },
      missing: (await missingValues(a.conn, p, ingest)).filter((m) => m.extract === 'attendance'),
    };

    // the row path: the same students and years, then the attendance through ingestExtract (every accepted row kept)
    const ingestB = await ingestAll(b.conn, p);
    const years = ingestB.years;
    const src = await resolveSource(b.conn, 'attendance', p.config.sources.attendance, p.dir);
    const ctx = { knownStudents: 'known_students', years, yearStart: p.config.school_year_start };
    const acc = await ingestExtract(b.conn, EXTRACT_SPECS.attendance_daily, p.config.sources.attendance, src, ctx);
    expect(acc.grouped).toBeUndefined();
    const ingestRows = { ...ingestB, extracts: ingestB.extracts.map((e) => (e.extract === 'attendance' ? { ...e, ...acc } : e)) };
    const rows: Outcome = {
      rejects: await queryRows(b.conn, `SELECT * FROM rej_attendance_daily ${REJECT_ORDER}`),
      groups: await queryRows(
        b.conn,
        `SELECT student_id, school_id, ${schoolYearFast('date', p.config.school_year_start)} AS school_year, count(*)::DOUBLE AS days_enrolled,
                ${absentDaysSql()}::DOUBLE AS days_absent, min(date) AS first_date, count(*) FILTER (WHERE duration IS NULL)::BIGINT AS missing_duration
         FROM attendance_daily GROUP BY ALL ORDER BY ALL`,
      ),
      accounting: { read: acc.rows_read, accepted: acc.rows_accepted, rejected: acc.rows_rejected, by: acc.rejected_by_reason },
      missing: (await missingValues(b.conn, p, ingestRows)).filter((m) => m.extract === 'attendance'),
    };
    return { groups, rows };
  } finally {
    a.close();
    b.close();
  }
}

writeFileSync(join(dir, 'students.csv'), STUDENTS);
writeFileSync(join(dir, 'visits.csv'), csv(['visit_id,student_id,school_id,visit_date', 'V1,S1,A,2016-10-01']));
writeFileSync(join(dir, 'one.csv'), csv([HEADER, ...ROWS]));
mkdirSync(join(dir, 'two'), { recursive: true });
writeFileSync(join(dir, 'two', 'a.csv'), csv([HEADER, ...ROWS.slice(0, 10)]));
writeFileSync(join(dir, 'two', 'b.csv'), csv([HEADER, ...ROWS.slice(10)]));
const setup = await openDb();
mkdirSync(join(dir, 'pq'), { recursive: true });
// Parquet keeps every field as text (a bad date cannot be stored as a DATE); the malformed line is left out
const asText = (f: string) => `read_csv('${f}', all_varchar = true, null_padding = true, ignore_errors = true)`;
await setup.conn.run(`COPY (SELECT * FROM ${asText(join(dir, 'one.csv'))}) TO '${join(dir, 'one.parquet')}' (FORMAT parquet)`);
await setup.conn.run(`COPY (SELECT * FROM ${asText(join(dir, 'two', 'a.csv'))}) TO '${join(dir, 'pq', 'a.parquet')}' (FORMAT parquet)`);
await setup.conn.run(`COPY (SELECT * FROM ${asText(join(dir, 'two', 'b.csv'))}) TO '${join(dir, 'pq', 'b.parquet')}' (FORMAT parquet)`);
// a large file: 4,000 students × 340 school days, with a bad code every 7,919th row, an out-of-range duration every
// 10,007th, 3,000 rows of 40 unknown students and 2,000 repeated days, shuffled by a hash (the same on any machine)
await setup.conn.run(`COPY (SELECT 'L' || s AS student_id, 'K' || (s % 7) AS school_id, school_year, '3' AS grade FROM range(4000) t(s), (VALUES (2016), (2017)) y(school_year))
  TO '${join(dir, 'large-students.csv')}' (HEADER)`);
await setup.conn.run(`COPY (
  WITH days AS (
    SELECT 'L' || s AS student_id, 'K' || (s % 7) AS school_id, DATE '2015-08-17' + (7 * (d // 5) + d % 5)::INTEGER + CASE WHEN d >= 170 THEN 364 - 7 * 34 ELSE 0 END AS date,
           s * 1000 + d AS k FROM range(4000) t(s), range(340) u(d)
  ), rows AS (
    SELECT student_id, school_id, date,
           CASE WHEN k % 7919 = 0 THEN 'bogus' WHEN k % 13 = 0 THEN 'unexcused' WHEN k % 17 = 0 THEN 'Tardy' ELSE 'present' END AS status,
           CASE WHEN k % 10007 = 0 THEN '2' WHEN k % 13 = 0 AND k % 2 = 0 THEN '0.5' WHEN k % 13 = 0 AND k % 3 = 0 THEN '0.1' ELSE '' END AS duration, hash(k) AS h
    FROM days
    UNION ALL SELECT 'U' || (i % 40), 'K1', DATE '2016-10-03' + (i % 100)::INTEGER, 'present', '', hash(i + 7) FROM range(3000) t(i)
    UNION ALL SELECT student_id, 'K' || ((k + 1) % 7), date, 'present', '', hash(k + 11) FROM days WHERE k % 677 = 0
  )
  SELECT student_id, school_id, date::VARCHAR AS date, status, duration FROM rows ORDER BY h) TO '${join(dir, 'large.csv')}' (HEADER)`);
setup.close();

describe('daily attendance as groups gives what the rows give', () => {
  it('on a hand-annotated CSV: every reason at its line, and the accepted days per student', async () => {
    const { groups, rows } = await bothWays({ name: 'one', attendance: 'one.csv' });
    expect(groups.rejects.map((r) => [r.source_line, r.reason])).toEqual([
      [4, 'duplicate_key'],
      [6, 'duplicate_key'],
      [7, 'unknown_student'],
      [8, 'bad_date'],
      [9, 'unknown_student'],
      [10, 'unknown_code'],
      [12, 'out_of_range'],
      [13, 'bad_number'],
      [14, 'missing_required'],
      [15, 'missing_required'],
      [16, 'date_outside_year'],
      [17, 'duplicate_key'],
      [19, 'malformed_row'],
      [21, 'duplicate_key'],
      [22, 'date_outside_year'],
      [23, 'date_outside_year'],
    ]);
    // accepted: S1 two days at A (one absent half a day), S2 one, S3 one, S4 one in each year
    expect(groups.groups.map((g) => [g.student_id, g.school_id, g.school_year, g.days_enrolled, g.days_absent, g.missing_duration])).toEqual([
      ['S1', 'A', 2017, 2, 0.5, 1],
      ['S2', 'A', 2017, 1, 0, 1],
      ['S3', 'A', 2017, 1, 0, 1],
      ['S4', 'A', 2016, 1, 1, 1],
      ['S4', 'A', 2017, 1, 1, 1],
    ]);
    expect(groups.accounting).toEqual({ read: 22, accepted: 6, rejected: 16, by: expect.any(Object) });
    expect(groups).toEqual(rows);
  });

  it('on the same rows as a glob of two CSV files (a repeated day across the files)', async () => {
    const { groups, rows } = await bothWays({ name: 'two', attendance: 'two/*.csv' });
    expect(groups.rejects.map((r) => [String(r.source_file).split('/').pop(), r.source_line, r.reason]).slice(-4)).toEqual([
      // one.csv's lines 19, 21, 22 and 23 (b.csv starts at one.csv's line 12)
      ['b.csv', 9, 'malformed_row'],
      ['b.csv', 11, 'duplicate_key'],
      ['b.csv', 12, 'date_outside_year'],
      ['b.csv', 13, 'date_outside_year'],
    ]);
    expect(groups).toEqual(rows);
  });

  it('sums shares of a day exactly: 0.1 on ten days, five in each file of a glob, is one day absent both ways', async () => {
    mkdirSync(join(dir, 'tenths'), { recursive: true });
    const day = (d: number) => `S1,A,2016-09-${String(d).padStart(2, '0')},excused,0.1`;
    writeFileSync(join(dir, 'tenths', 'a.csv'), csv([HEADER, ...[1, 2, 5, 6, 7].map(day)]));
    writeFileSync(join(dir, 'tenths', 'b.csv'), csv([HEADER, ...[8, 9, 12, 13, 14].map(day)]));
    const { groups, rows } = await bothWays({ name: 'tenths', attendance: 'tenths/*.csv' });
    // as doubles, 0.1 added ten times in a row is 0.9999999999999999, and 0.5 + 0.5 is 1: which decides chronic absence at 10%
    expect(groups.groups.map((g) => [g.student_id, g.days_enrolled, g.days_absent])).toEqual([['S1', 10, 1]]);
    expect(groups).toEqual(rows);
  });

  it('on the same rows as one Parquet file and as a glob of two', async () => {
    const one = await bothWays({ name: 'pq1', attendance: 'one.parquet' });
    // the line that was malformed in the CSV is a whole row here (S4's 2 March, accepted)
    expect(one.groups.accounting).toEqual({ read: 22, accepted: 7, rejected: 15, by: expect.any(Object) });
    expect(one.groups).toEqual(one.rows);
    const two = await bothWays({ name: 'pq2', attendance: 'pq/*.parquet' });
    expect(two.groups.rejects.filter((r) => String(r.source_file).endsWith('b.parquet')).map((r) => [r.source_line, r.reason])).toEqual([
      [1, 'out_of_range'],
      [2, 'bad_number'],
      [3, 'missing_required'],
      [4, 'missing_required'],
      [5, 'date_outside_year'],
      [6, 'duplicate_key'],
      [10, 'duplicate_key'],
      [11, 'date_outside_year'],
      [12, 'date_outside_year'],
    ]);
    expect(two.groups).toEqual(two.rows);
  });

  it('on a 1.4M-row CSV read on two threads, and the same on one thread', async () => {
    expect(statSync(join(dir, 'large.csv')).size).toBeGreaterThan(40e6);
    const { groups, rows } = await bothWays({ name: 'large', attendance: 'large.csv' });
    const by = (groups.accounting as { by: Record<string, number> }).by;
    // the counts by construction, counted here over the generator's keys k = 1000 s + d: a bad code where k is a
    // multiple of 7,919, else an out-of-range duration where a multiple of 10,007; a second row of the day where a
    // multiple of 677, a duplicate unless the first row is rejected; 3,000 rows of unknown students
    let code = 0;
    let range = 0;
    let dup = 0;
    let second = 0;
    for (let s = 0; s < 4000; s++) {
      for (let d = 0; d < 340; d++) {
        const k = s * 1000 + d;
        const bad = k % 7919 === 0 || k % 10007 === 0;
        if (k % 7919 === 0) code++;
        else if (k % 10007 === 0) range++;
        if (k % 677 === 0) second++;
        if (k % 677 === 0 && !bad) dup++;
      }
    }
    expect(by).toEqual({ unknown_code: code, out_of_range: range, unknown_student: 3000, duplicate_key: dup });
    expect(groups.accounting).toMatchObject({ read: 4000 * 340 + 3000 + second });
    expect(groups).toEqual(rows);
    const single = await bothWays({ name: 'large', attendance: 'large.csv' }, 1);
    expect(single.groups).toEqual(groups);
  }, 120_000);
});
