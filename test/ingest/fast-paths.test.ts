/**
 * The ingest's cheaper SQL must give exactly what the plain SQL gives: the trim fast path against
 * NULLIF(trim(x), ''), and the integer school year against the strftime one the analytic table uses;
 * and the working database must spill under the OS temp folder within a memory limit.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { trimmedOrNull } from '../../src/ingest/check-sql.js';
import { outsideYearsSql, schoolYearFast, schoolYearInSql, schoolYearOf } from '../../src/contract/school-year-sql.js';
import { openDb, queryRows, MEMORY_SHARE } from '../../src/util/duckdb.js';

const db = await openDb();
afterAll(() => db.close());

describe('fast paths of the row checks', () => {
  it('tests school years by date ranges exactly as schoolYearFast(d) NOT IN (years) for every day of 2010–2021; ±infinity outside, NULL unknown', async () => {
    const starts = ['07-01', '08-15', '01-01', '12-31', '02-29', '03-01'];
    const yearSets = [[2016, 2017], [2017], [2014, 2016, 2017], [2020, 2012], []];
    for (const start of starts) {
      for (const years of yearSets) {
        // taken apart, ±infinity has a NULL school year; it falls in none of the years
        const plain = years.length ? `CASE WHEN isinf(d) THEN true ELSE ${schoolYearFast('d', start)} NOT IN (${years.join(', ')}) END` : 'NULL::BOOLEAN';
        const rows = await queryRows<{ n: number; same: number; inside: number; year_same: number }>(
          db.conn,
          `SELECT count(*)::INTEGER AS n,
                  count(*) FILTER (WHERE (${outsideYearsSql('d', years, start)}) IS NOT DISTINCT FROM (${plain}))::INTEGER AS same,
                  count(*) FILTER (WHERE ${plain} = false)::INTEGER AS inside,
                  count(*) FILTER (WHERE ${schoolYearInSql('d', years, start)} IS NOT DISTINCT FROM ${schoolYearFast('d', start)})::INTEGER AS year_same
           FROM (SELECT unnest(generate_series(DATE '2010-01-01', DATE '2021-12-31', INTERVAL 1 DAY)::DATE[] || ['infinity'::DATE, '-infinity'::DATE, NULL]) AS d)`,
        );
        const label = `${start} ${years.join(',')}`;
        expect(rows[0]!.n, label).toBe(4383 + 3);
        expect(rows[0]!.same, label).toBe(rows[0]!.n);
        expect(rows[0]!.year_same, label).toBe(rows[0]!.n);
        // each school year has 365 or 366 days inside it (a sanity check that the comparison is not vacuous)
        if (years.length) expect(rows[0]!.inside, label).toBeGreaterThanOrEqual(365 * new Set(years).size);
      }
    }
  });

  it('trims exactly as NULLIF(trim(x), ""), for ASCII and Unicode spaces, tabs and empty values', async () => {
    // every Unicode space separator that trim() strips, and characters it keeps (tab, newline, NBSP inside)
    const pieces = ['', ' ', '  ', '\t', '\n', 'a', 'ab c', '\u00a0', '\u2003', '\u3000', 'é', '\u00a0x\u00a0', 'x '];
    const values = pieces.flatMap((a) => pieces.map((b) => `${a}${b}`)).concat(['S1000001', ' S1 ', 'SCH001', '2016-09-01', 'Present ']);
    const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
    const rows = await queryRows<{ n: number; same: number }>(
      db.conn,
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE fast IS NOT DISTINCT FROM plain)::INTEGER AS same
       FROM (SELECT ${trimmedOrNull('x')} AS fast, NULLIF(trim(x), '') AS plain FROM (SELECT unnest([${list}, NULL]) AS x))`,
    );
    expect(rows[0]!.n).toBe(values.length + 1);
    expect(rows[0]!.same).toBe(rows[0]!.n);
  });

  it('trims exactly as NULLIF(trim(x), "") at the edges of the byte-order test: "!", control characters, DEL, non-ASCII first or last', async () => {
    const values = ['!', '!a', 'a!', '\u0001a', 'a\u0001', '\u001fb', ' !', '~', '\u007f', '\u007fa', '\u00a0a', 'a\u00a0', 'é', 'aé', '"x"', 'a b', '  a  b  '];
    const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
    const rows = await queryRows<{ x: string; fast: string | null; plain: string | null }>(
      db.conn,
      `SELECT x, ${trimmedOrNull('x')} AS fast, NULLIF(trim(x), '') AS plain FROM (SELECT unnest([${list}]) AS x)`,
    );
    expect(rows).toHaveLength(values.length);
    for (const r of rows) expect(r.fast, JSON.stringify(r.x)).toBe(r.plain);
    expect(rows.find((r) => r.x === '  a  b  ')!.fast).toBe('a  b');
  });

  it('gives the same school year as schoolYearOf for every day of four years, each year start, and ±infinity', async () => {
    for (const start of ['07-01', '08-15', '01-01', '02-29', '12-31']) {
      const rows = await queryRows<{ n: number; same: number }>(
        db.conn,
        `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE ${schoolYearFast('d', start)} IS NOT DISTINCT FROM ${schoolYearOf('d', start)})::INTEGER AS same
         FROM (SELECT (DATE '2015-01-01' + i::INTEGER) AS d FROM range(0, 1461) t(i)
               UNION ALL SELECT 'infinity'::DATE UNION ALL SELECT '-infinity'::DATE UNION ALL SELECT NULL::DATE)`,
      );
      expect(rows[0]!.same, start).toBe(rows[0]!.n);
    }
  });
});

describe('the working database', () => {
  it('spills into a folder under the OS temp folder, within a memory limit below the machine memory', async () => {
    const rows = await queryRows<{ dir: string; limit: number }>(
      db.conn,
      `SELECT current_setting('temp_directory') AS dir, current_setting('memory_limit') AS limit`,
    );
    expect(rows[0]!.dir.startsWith(tmpdir())).toBe(true);
    const [, num, unit] = /^([\d.]+) (\w+)$/.exec(String(rows[0]!.limit))!;
    const bytes = Number(num) * { KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40 }[unit as 'GiB']!;
    expect(bytes).toBeLessThanOrEqual(totalmem() * MEMORY_SHARE * 1.01);
    expect(existsSync(rows[0]!.dir)).toBe(false); // made only when DuckDB first spills
  });
});
