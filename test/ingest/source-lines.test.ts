/**
 * Source lines, files and reasons of rejects when the ingest numbers rows by their position in the loaded
 * table instead of storing a file name and line on every row: globs of CSV files with malformed lines
 * (also first, also back to back) and duplicates across files, a glob whose files have a column named
 * file_index, a glob of Parquet files, and a line that breaks in a column the mapping does not use.
 * Every expected line below can be checked by counting lines in the files this test writes.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { ingestAll, type IngestResult } from '../../src/ingest/ingest-all.js';
import { openDb, queryRows, type Db } from '../../src/util/duckdb.js';
import { freshDir } from '../helpers/paths.js';

const dir = freshDir('ingest-source-lines');
const csv = (lines: string[]) => lines.join('\n') + '\n';
let db: Db;
let ingest: IngestResult;

interface Reject {
  source_file: string;
  source_line: number;
  reason: string;
  column: string | null;
  value: string | null;
  raw_line: string | null;
}

/** The rejects of one extract table, in file and line order, with the file as its base name. */
async function rejects(table: string): Promise<Reject[]> {
  const rows = await queryRows<Reject>(
    db.conn,
    `SELECT source_file, source_line, reason, "column", value, raw_line FROM rej_${table} ORDER BY source_file, source_line`,
  );
  return rows.map((r) => ({ ...r, source_file: r.source_file.split('/').slice(-2).join('/') }));
}

beforeAll(async () => {
  mkdirSync(join(dir, 'att'), { recursive: true });
  mkdirSync(join(dir, 'vis'), { recursive: true });
  mkdirSync(join(dir, 'asm'), { recursive: true });
  writeFileSync(
    join(dir, 'students.csv'),
    csv(['student_id,school_id,school_year,grade', 'S1,A,2017,3', 'S2,A,2017,4', 'S3,A,2017,5', 'S1,A,2017,3']),
  );
  // attendance: two files; the mapping does not use "note", whose bytes on a.csv line 7 are not UTF-8
  writeFileSync(
    join(dir, 'att', 'a.csv'),
    Buffer.concat([
      Buffer.from(
        csv([
          'student_id,school_id,date,status,note', // 1
          'S1,A,2016-09-01,present,', // 2 accepted
          'S1,A,2016-09-02,present,x,too,many', // 3 malformed
          'S1,A,2016-09-01,tardy,', // 4 duplicate of line 2
          'S9,A,2016-09-02,present,', // 5 unknown_student
          'S2,A,2016-09-02,Here,', // 6 unknown_code
        ]),
      ),
      Buffer.from('S2,A,2016-09-05,present,'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'), // 7 malformed (invalid encoding in an unused column)
      Buffer.from(csv(['S2,A,2016-09-06,present,'])), // 8 accepted
    ]),
  );
  writeFileSync(
    join(dir, 'att', 'b.csv'),
    csv([
      'student_id,school_id,date,status,note', // 1
      'S3,A,2016-09-01,present,a,b', // 2 malformed (first line)
      'S3,A,2016-09-02,present,a,b', // 3 malformed
      'S3,A,2016-09-03,present,a,b', // 4 malformed (back to back)
      'S1,A,2016-09-01,present,', // 5 duplicate of a.csv line 2
      'S3,A,2016-13-01,present,', // 6 bad_date
      'S3,A,2016-09-01,present,', // 7 accepted
      'S3,A,2016-09-01,present,', // 8 duplicate of line 7
      'S3,A,2014-09-01,present,', // 9 date_outside_year
    ]),
  );
  // visits: two files with a column named file_index (it hides DuckDB's virtual column of that name)
  writeFileSync(
    join(dir, 'vis', 'v1.csv'),
    csv(['visit_id,student_id,school_id,visit_date,file_index', 'V1,S1,A,2016-10-01,zz', 'V2,S2,A,2016-10-02,zz']),
  );
  writeFileSync(
    join(dir, 'vis', 'v2.csv'),
    csv(['visit_id,student_id,school_id,visit_date,file_index', 'V3,S3,A,2016-10-03,7', 'V1,S3,A,2016-10-04,7', 'V4,S3,A,2016-10-04,7,8']),
  );
  // assessments: two Parquet files; the line of a Parquet row is its row number
  db = await openDb();
  const rows = (r: string[]) => r.map((v) => `(${v.split(',').map((x) => `'${x}'`).join(', ')})`).join(', ');
  const copy = (values: string[], file: string) =>
    db.conn.run(
      `COPY (SELECT * FROM (VALUES ${rows(values)}) t(student_id, school_year, subject, scale_score)) TO '${join(dir, 'asm', file)}' (FORMAT parquet)`,
    );
  await copy(['S1,2017,ela,300', 'S2,2017,ela,310', 'S1,2017,ela,320'], 'p1.parquet'); // row 3: duplicate of row 1
  await copy(['S2,2017,math,abc', 'S2,2017,ela,330', 'S3,2017,ela,340'], 'p2.parquet'); // row 1 bad_number, row 2 duplicate of p1 row 2
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(
    pipeline,
    stringify({
      name: 'Source lines',
      site: 'lines',
      outcome_year: 2017,
      sources: {
        students: { path: 'students.csv' },
        visits: { path: 'vis/*.csv' },
        attendance: { path: 'att/*.csv' },
        assessments: { path: 'asm/*.parquet' },
      },
      output: join(dir, 'report'),
    }),
  );
  ingest = await ingestAll(db.conn, loadPipeline(pipeline));
}, 60_000);

describe('source lines and files of rejects', () => {
  it('numbers the rows of a CSV glob by file, after malformed lines, with duplicates across files', async () => {
    expect((await rejects('attendance_daily')).map((r) => [r.source_file, r.source_line, r.reason, r.column, r.value])).toEqual([
      ['att/a.csv', 3, 'malformed_row', null, expect.stringMatching(/Expected Number of Columns/)],
      ['att/a.csv', 4, 'duplicate_key', 'student_id+date', 'S1|2016-09-01'],
      ['att/a.csv', 5, 'unknown_student', 'student_id', 'S9'],
      ['att/a.csv', 6, 'unknown_code', 'status', 'Here'],
      ['att/a.csv', 7, 'malformed_row', null, expect.stringMatching(/UTF-8|encoding|unicode/i)],
      ['att/b.csv', 2, 'malformed_row', null, expect.any(String)],
      ['att/b.csv', 3, 'malformed_row', null, expect.any(String)],
      ['att/b.csv', 4, 'malformed_row', null, expect.any(String)],
      ['att/b.csv', 5, 'duplicate_key', 'student_id+date', 'S1|2016-09-01'],
      ['att/b.csv', 6, 'bad_date', 'date', '2016-13-01'],
      ['att/b.csv', 8, 'duplicate_key', 'student_id+date', 'S3|2016-09-01'],
      ['att/b.csv', 9, 'date_outside_year', 'date', '2014-09-01'],
    ]);
    const att = ingest.extracts.find((e) => e.extract === 'attendance')!;
    expect([att.rows_read, att.rows_accepted, att.rows_rejected]).toEqual([15, 3, 12]);
  });

  it('keeps the first row of a key and writes the raw fields of each reject', async () => {
    // daily attendance is kept as per student × school × year groups: one accepted present day each
    const accepted = await queryRows<{ r: string }>(
      db.conn,
      `SELECT concat_ws(' ', student_id, school_year, days_enrolled, days_absent, first_date) AS r FROM attendance_daily_groups ORDER BY ALL`,
    );
    expect(accepted.map((r) => r.r)).toEqual(['S1 2017 1.0 0.0 2016-09-01', 'S2 2017 1.0 0.0 2016-09-06', 'S3 2017 1.0 0.0 2016-09-01']);
    const raw = await queryRows<{ source_line: number; student_id: string; date: string; status: string; raw_line: string | null }>(
      db.conn,
      `SELECT source_line, student_id, date, status, raw_line FROM rej_attendance_daily WHERE source_file LIKE '%a.csv' ORDER BY source_line`,
    );
    expect(raw[1]).toEqual({ source_line: 4, student_id: 'S1', date: '2016-09-01', status: 'tardy', raw_line: null });
    expect(raw[3]).toEqual({ source_line: 6, student_id: 'S2', date: '2016-09-02', status: 'Here', raw_line: null });
    expect(raw[0]!.raw_line).toBe('S1,A,2016-09-02,present,x,too,many');
  });

  it('names the file of a glob row even when the files have a column named file_index', async () => {
    expect((await rejects('visits')).map((r) => [r.source_file, r.source_line, r.reason, r.value])).toEqual([
      ['vis/v2.csv', 3, 'duplicate_key', 'V1'],
      ['vis/v2.csv', 4, 'malformed_row', expect.any(String)],
    ]);
  });

  it('numbers the rows of a Parquet glob by their row in the file', async () => {
    expect((await rejects('assessments')).map((r) => [r.source_file, r.source_line, r.reason, r.value])).toEqual([
      ['asm/p1.parquet', 3, 'duplicate_key', 'S1|2017|ela'],
      ['asm/p2.parquet', 1, 'bad_number', 'abc'],
      ['asm/p2.parquet', 2, 'duplicate_key', 'S2|2017|ela'],
    ]);
  });

  it('leaves the accepted tables with their canonical columns only, and no working tables', async () => {
    const cols = await queryRows<{ column_name: string }>(db.conn, `SELECT column_name FROM (DESCRIBE attendance_daily_groups)`);
    expect(cols.map((c) => c.column_name)).toEqual(['student_id', 'school_id', 'school_year', 'days_enrolled', 'days_absent', 'first_date']);
    const tables = await queryRows<{ name: string }>(db.conn, `SELECT table_name AS name FROM duckdb_tables() ORDER BY 1`);
    expect(tables.map((t) => t.name)).toEqual([
      'assessments',
      'attendance_daily_groups',
      'known_students',
      'rej_assessments',
      'rej_attendance_daily',
      'rej_students',
      'rej_visits',
      'students',
      'visits',
    ]);
  });
});
