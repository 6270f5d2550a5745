/**
 * Duplicate keys of daily attendance found by a bitmap of days per student give exactly the rows the ranking of
 * every row by its key gives: a hand-checked table (repeats in another school, on ±infinity, among rejected
 * rows), and 200,000 generated rows with repeats, checked against the plain rank of all rows.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import { dayBounds, duplicateSql } from '../../src/ingest/duplicate-sql.js';
import { openDb, queryRows } from '../../src/util/duckdb.js';

const db = await openDb();
afterAll(() => db.close());
const spec = EXTRACT_SPECS.attendance_daily;

/** The rowids `duplicateSql` finds in chk_attendance_daily with these school years, and the plain rank's. */
async function both(years: number[]): Promise<{ found: number[]; plain: number[] }> {
  await db.conn.run(duplicateSql(spec, years));
  const found = (await queryRows<{ r: number }>(db.conn, 'SELECT __rid AS r FROM dup_attendance_daily ORDER BY 1')).map((x) => x.r);
  const plain = await queryRows<{ r: number }>(
    db.conn,
    `SELECT rowid AS r FROM chk_attendance_daily WHERE __chk IS NULL
     QUALIFY row_number() OVER (PARTITION BY student_id, date ORDER BY rowid) > 1 ORDER BY 1`,
  );
  return { found, plain: plain.map((x) => x.r) };
}

describe('duplicate keys of daily attendance', () => {
  it('bounds the bitmap from 1 January before the first school year to 31 December of the last', () => {
    expect(dayBounds([2016, 2017])).toEqual({ lo: "DATE '2015-01-01'", hi: "DATE '2017-12-31'", days: 1095 });
    expect(dayBounds([2017])).toEqual({ lo: "DATE '2016-01-01'", hi: "DATE '2017-12-31'", days: 730 });
    expect(dayBounds([2000, 2017])).toBeUndefined(); // too wide: the hash path
    expect(dayBounds([])).toBeUndefined();
  });

  it('finds the later rows of a repeated (student, date), also across schools and on infinity, never among rejected rows', async () => {
    await db.conn.run(`CREATE OR REPLACE TABLE chk_attendance_daily AS SELECT * FROM (VALUES
      ('S1', 'A', DATE '2016-09-01', NULL::SMALLINT),   -- 0 kept
      ('S1', 'B', DATE '2016-09-01', NULL),             -- 1 duplicate of 0 (another school)
      ('S1', 'A', DATE '2016-09-02', NULL),             -- 2 kept
      ('S2', 'A', DATE '2016-09-01', 3::SMALLINT),      -- 3 rejected for another rule
      ('S2', 'A', DATE '2016-09-01', NULL),             -- 4 kept (row 3 does not count)
      ('S3', 'A', 'infinity'::DATE, NULL),              -- 5 kept
      ('S3', 'A', 'infinity'::DATE, NULL),              -- 6 duplicate of 5
      ('S1', 'A', DATE '2016-09-01', NULL)              -- 7 duplicate of 0
    ) t(student_id, school_id, date, __chk)`);
    const { found, plain } = await both([2017]);
    expect(found).toEqual([1, 6, 7]);
    expect(plain).toEqual(found);
  });

  it('gives the plain rank on 200,000 generated rows with about 1% repeats', async () => {
    await db.conn.run(`CREATE OR REPLACE TABLE chk_attendance_daily AS
      SELECT 'S' || (i % 2000)::VARCHAR AS student_id, 'A' AS school_id,
             DATE '2015-07-01' + (CASE WHEN hash(i) % 100 = 0 THEN (i // 2000 - 1) ELSE i // 2000 END)::INTEGER AS date,
             CASE WHEN hash(i + 1) % 50 = 0 THEN 2 END::SMALLINT AS __chk
      FROM range(0, 200000) t(i) ORDER BY i`);
    const { found, plain } = await both([2016, 2017]);
    expect(plain.length).toBeGreaterThan(1000);
    expect(found).toEqual(plain);
  });
});
