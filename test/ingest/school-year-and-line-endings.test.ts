import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/util/duckdb.js';
import { queryRows } from '../../src/util/duckdb.js';
import { schoolYearExpr } from '../../src/contract/school-year-sql.js';
import { lineEndings, mixedLineEndingsMessage } from '../../src/ingest/line-endings.js';
import { csvCell } from '../../src/util/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-sy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('school years', () => {
  it('reads 2017, 2016-17, 2016–2017, 2016/17, SY1617 and SY 2016-17 as 2017; spans that are not one year are NULL', async () => {
    const db = await openDb();
    try {
      const cases: [string, number | null][] = [
        ['2017', 2017], ['2016-17', 2017], ['2016–2017', 2017], ['2016-2017', 2017], ['2016/17', 2017], ['SY1617', 2017],
        ['sy1617', 2017], ['SY 2016-17', 2017], ['1999-00', 2000], ['2016-18', null], ['2016-2018', null], ['SY1618', null], ['spring', null],
      ];
      const rows = await queryRows<{ v: string; y: number | null }>(
        db.conn,
        `SELECT v, ${schoolYearExpr('v')} AS y FROM (VALUES ${cases.map(([v]) => `('${v}')`).join(', ')}) t(v)`,
      );
      expect(rows.map((r) => [r.v, r.y])).toEqual(cases);
    } finally {
      db.close();
    }
  });
});

describe('line endings', () => {
  it('counts CRLF, LF and CR line ends and the first line that differs', () => {
    const f = join(dir, 'mixed.csv');
    writeFileSync(f, 'a,b\r\n1,2\r\n3,4\n5,6\r7,8\r\n');
    expect(lineEndings(f)).toEqual({ crlf: 3, lf: 1, cr: 1, firstOther: 3 });
    expect(mixedLineEndingsMessage(f)).toContain('mixes line endings (3 in CRLF (Windows) and 1 in LF (Unix) and 1 in CR (old Mac); the first that differs is line 3)');
    const g = join(dir, 'crlf.csv');
    writeFileSync(g, 'a,b\r\n1,2\r\n');
    expect(mixedLineEndingsMessage(g)).toBeNull();
  });
});

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run as a formula, and leaves numbers and plain text alone', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('+1')).toBe('+1'); // text that is exactly a number is read as that number, never run (docs/privacy.md)
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('Adams Elementary')).toBe('Adams Elementary');
  });
});
