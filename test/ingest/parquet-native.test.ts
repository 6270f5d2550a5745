/**
 * A Parquet column already stored in its canonical type (DATE; a DECIMAL or DOUBLE for a number) is read without
 * a round trip through text, and gives exactly what the same rows give as CSV text: the same accepted rows, and
 * the same rejects with the same reasons, columns, values and raw fields (the Parquet line is the row number, the
 * CSV line one more for the header). Every expected reject below can be checked by reading the rows this test writes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { ingestAll } from '../../src/ingest/ingest-all.js';
import { nativeColumns } from '../../src/ingest/check-sql.js';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import type { Source } from '../../src/config/pipeline-schema.js';
import { openDb, queryRows, type Db } from '../../src/util/duckdb.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-parquet-native-'));
const csv = (lines: string[]) => lines.join('\n') + '\n';
const ATTENDANCE = [
  'student_id,school_id,date,status,duration',
  'S1,A,2016-09-01,present,', // 1 accepted
  'S1,A,2016-09-01,tardy,', // 2 duplicate of row 1
  'S9,A,2016-09-02,present,', // 3 unknown_student
  'S2,A,2016-09-02,excused,1.50', // 4 out_of_range duration, written 1.50
  'S2,A,2014-09-01,present,', // 5 date_outside_year
  'S2,A,2016-09-05,unexcused,0.50', // 6 accepted, half a day
  'S3,A,2016-09-01,Present,', // 7 accepted
  'S3,A,2016-09-01,present,', // 8 duplicate of row 7
  'S3,A,,present,', // 9 missing_required date
];

interface Reject {
  source_line: number;
  reason: string;
  column: string | null;
  value: string | null;
  date: string | null;
  status: string | null;
  duration: string | null;
}

/** Ingest the folder's pipeline with attendance from `file`: its attendance rejects and accepted rows. */
async function ingestWith(file: string): Promise<{ rejects: Reject[]; accepted: string[]; columns: string[] }> {
  const pipeline = join(dir, `${file}.yaml`);
  writeFileSync(
    pipeline,
    stringify({
      name: 'Native Parquet',
      site: 'native',
      outcome_year: 2017,
      sources: { students: { path: 'students.csv' }, visits: { path: 'visits.csv' }, attendance: { path: file } },
      output: join(dir, 'report'),
    }),
  );
  const db = await openDb();
  try {
    await ingestAll(db.conn, loadPipeline(pipeline));
    const rejects = await queryRows<Reject>(
      db.conn,
      `SELECT source_line, reason, "column", value, date, status, duration FROM rej_attendance_daily ORDER BY source_line`,
    );
    // daily attendance is kept as per student × school × year groups (days, absences, first day, days without a duration)
    const rows = await queryRows<{ r: string }>(
      db.conn,
      `SELECT concat_ws(' ', student_id, school_year, days_enrolled, days_absent, first_date, missing_duration) AS r FROM attendance_daily_groups ORDER BY ALL`,
    );
    const cols = await queryRows<{ t: string }>(db.conn, `SELECT column_name || ' ' || column_type AS t FROM (DESCRIBE attendance_daily_groups)`);
    return { rejects, accepted: rows.map((x) => x.r), columns: cols.map((c) => c.t) };
  } finally {
    db.close();
  }
}

let db: Db;
beforeAll(async () => {
  writeFileSync(join(dir, 'students.csv'), csv(['student_id,school_id,school_year,grade', 'S1,A,2017,3', 'S2,A,2017,4', 'S3,A,2017,5']));
  writeFileSync(join(dir, 'visits.csv'), csv(['visit_id,student_id,school_id,visit_date', 'V1,S1,A,2016-10-01']));
  writeFileSync(join(dir, 'attendance.csv'), csv(ATTENDANCE));
  db = await openDb();
  const text = `read_csv('${join(dir, 'attendance.csv')}', all_varchar = true)`;
  await db.conn.run(
    `COPY (SELECT student_id, school_id, date::DATE AS date, status, duration::DECIMAL(3,2) AS duration FROM ${text}) TO '${join(dir, 'decimal.parquet')}' (FORMAT parquet)`,
  );
  await db.conn.run(
    `COPY (SELECT student_id, school_id, date::DATE AS date, status, duration::DOUBLE AS duration FROM ${text}) TO '${join(dir, 'double.parquet')}' (FORMAT parquet)`,
  );
}, 60_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Parquet columns stored in their canonical type', () => {
  it('are the DATE, DOUBLE, INTEGER and short DECIMAL columns without a date_format or codes', () => {
    const spec = EXTRACT_SPECS.attendance_daily;
    const map = { student_id: 'student_id', school_id: 'school_id', date: 'date', status: 'status', duration: 'duration' };
    const source = { path: 'x', columns: {}, values: {} } as unknown as Source;
    const types = { student_id: 'VARCHAR', school_id: 'VARCHAR', date: 'DATE', status: 'VARCHAR', duration: 'DECIMAL(3,2)' };
    expect([...nativeColumns(spec, map, source, types)]).toEqual([
      ['date', 'DATE'],
      ['duration', 'DECIMAL(3,2)'],
    ]);
    // a DECIMAL of more than 15 digits, a TIMESTAMP, a date read through a date_format and a number with codes: read as text
    expect([...nativeColumns(spec, map, { ...source, date_format: '%Y-%m-%d' } as Source, { ...types, duration: 'DECIMAL(18,3)' })]).toEqual([]);
    expect([...nativeColumns(spec, map, { ...source, values: { duration: { '-1': null } } } as Source, { ...types, date: 'TIMESTAMP' })]).toEqual([]);
  });

  it('give the rejects and accepted rows that the same rows give as CSV text', async () => {
    const fromCsv = await ingestWith('attendance.csv');
    expect(fromCsv.rejects.map((r) => [r.source_line, r.reason, r.column, r.value])).toEqual([
      [3, 'duplicate_key', 'student_id+date', 'S1|2016-09-01'],
      [4, 'unknown_student', 'student_id', 'S9'],
      [5, 'out_of_range', 'duration', '1.50'],
      [6, 'date_outside_year', 'date', '2014-09-01'],
      [9, 'duplicate_key', 'student_id+date', 'S3|2016-09-01'],
      [10, 'missing_required', 'date', null],
    ]);
    expect(fromCsv.accepted).toEqual(['S1 2017 1.0 0.0 2016-09-01 1', 'S2 2017 1.0 0.5 2016-09-05 0', 'S3 2017 1.0 0.0 2016-09-01 1']);
    const csvLinesAsRows = fromCsv.rejects.map((r) => ({ ...r, source_line: r.source_line - 1 }));

    const fromDecimal = await ingestWith('decimal.parquet');
    expect(fromDecimal.rejects).toEqual(csvLinesAsRows);
    expect(fromDecimal.accepted).toEqual(fromCsv.accepted);
    expect(fromDecimal.columns).toEqual(fromCsv.columns);

    // a DOUBLE's text is its shortest form (1.5, not 1.50): the raw field says what the file holds
    const fromDouble = await ingestWith('double.parquet');
    expect(fromDouble.rejects.find((r) => r.reason === 'out_of_range')).toMatchObject({ source_line: 4, value: '1.5', duration: '1.5', date: '2016-09-02' });
    expect(fromDouble.accepted).toEqual(fromCsv.accepted);
  });
});
