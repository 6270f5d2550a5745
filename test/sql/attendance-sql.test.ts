/**
 * The generator's attendance SQL (src/generate/attendance-sql.ts) through DuckDB EXPLAIN (test/sql/explain.ts),
 * against its own empty calendar and segment tables: the hash macro, the day rows, daily and summary rows, the
 * absence counts and the COPY of each attendance kind. The rows it writes must carry the contract's required
 * columns of that attendance shape, under their canonical names, so `hve run` reads them without a mapping.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import {
  uniformMacroSql,
  SEGMENT_TABLES_SQL,
  SEGMENT_DAYS_SQL,
  DAILY_ROWS_SQL,
  SUMMARY_ROWS_SQL,
  ABSENCE_BY_STUDENT_SQL,
  absenceRateSql,
  potentialAbsenceSql,
  copyAttendanceSql,
} from '../../src/generate/attendance-sql.js';
import { openDb, queryRows } from '../../src/util/duckdb.js';
import { lit } from '../../src/util/sql.js';
import { explain, explainAndRun } from './explain.js';

const db = await openDb(':memory:', 1);
const dir = mkdtempSync(join(tmpdir(), 'hve-sql-attendance-'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
await explainAndRun(db.conn, uniformMacroSql(1));
await explainAndRun(db.conn, SEGMENT_TABLES_SQL);

const columnsOf = async (sql: string) => (await queryRows<{ column_name: string }>(db.conn, `DESCRIBE ${sql}`)).map((r) => r.column_name);
const required = (name: 'attendance_daily' | 'attendance_summary') => EXTRACT_SPECS[name].columns.filter((c) => c.required).map((c) => c.name);

describe('the generator attendance SQL passes EXPLAIN', () => {
  it('the hash uniform is in [0, 1)', async () => {
    const [row] = await queryRows<{ lo: number; hi: number }>(db.conn, 'SELECT min(hve_u(i, 7, 1)) AS lo, max(hve_u(i, 7, 1)) AS hi FROM range(10000) t(i)');
    expect(row!.lo).toBeGreaterThanOrEqual(0);
    expect(row!.hi).toBeLessThan(1);
  });

  for (const [label, sql] of [
    ['segment days', SEGMENT_DAYS_SQL],
    ['absence by student', ABSENCE_BY_STUDENT_SQL],
    ['prior-year absence rate', absenceRateSql(2016)],
    ['absence without and with a visit', potentialAbsenceSql(2017)],
  ] as const) {
    it(label, async () => {
      await explain(db.conn, sql);
    });
  }

  it('daily rows have the required daily columns', async () => {
    await explain(db.conn, DAILY_ROWS_SQL);
    expect(await columnsOf(DAILY_ROWS_SQL)).toEqual(required('attendance_daily'));
  });

  it('summary rows have the required summary columns', async () => {
    await explain(db.conn, SUMMARY_ROWS_SQL);
    expect(await columnsOf(SUMMARY_ROWS_SQL)).toEqual(required('attendance_summary'));
  });

  for (const kind of ['daily', 'summary'] as const) {
    it(`the COPY of ${kind} attendance writes a header of those columns`, async () => {
      const path = join(dir, `${kind}.csv`);
      await explainAndRun(db.conn, copyAttendanceSql(kind, lit(path)));
      expect(readFileSync(path, 'utf8').trim()).toBe(required(kind === 'daily' ? 'attendance_daily' : 'attendance_summary').join(','));
    });
  }
});
