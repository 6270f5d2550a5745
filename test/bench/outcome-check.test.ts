import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { checkOutcomes } from '../../bench/outcome-check.js';
import { OUTCOME_COLUMNS } from '../../bench/bare-sql.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-bench-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database file with one table of three students: ids S1..S3, every outcome column = `base` + row index, and `edit` applied. */
async function table(file: string, name: string, edit = '') {
  const i = await DuckDBInstance.create(join(dir, file));
  const c = await i.connect();
  await c.run(`CREATE TABLE ${name} AS SELECT 'S' || n AS student_id, ${OUTCOME_COLUMNS.map((x) => `n::DOUBLE AS ${x}`).join(', ')} FROM range(1, 4) t(n)`);
  if (edit) await c.run(edit);
  c.closeSync();
  i.closeSync();
}

describe('outcome check', () => {
  it('passes equal tables, with the means of 1, 2, 3', async () => {
    await table('b1.duckdb', 'bare_student');
    await table('h1.duckdb', 'student_year');
    const c = await checkOutcomes(join(dir, 'b1.duckdb'), join(dir, 'h1.duckdb'));
    expect(c.equal).toBe(true);
    expect([c.students, c.only_one]).toEqual([3, 0]);
    expect(c.columns.every((x) => x.differ === 0 && x.bare_mean === 2 && x.hve_mean === 2)).toBe(true);
  });

  it('fails on one value off by one ulp, a NULL, or a missing student', async () => {
    await table('b2.duckdb', 'bare_student');
    await table('h2.duckdb', 'student_year', `UPDATE student_year SET ela_z = nextafter(ela_z, 10) WHERE student_id = 'S2'; UPDATE student_year SET math_z = NULL WHERE student_id = 'S3'`);
    const c = await checkOutcomes(join(dir, 'b2.duckdb'), join(dir, 'h2.duckdb'));
    expect(c.equal).toBe(false);
    expect(c.columns.filter((x) => x.differ > 0).map((x) => [x.column, x.differ])).toEqual([
      ['ela_z', 1],
      ['math_z', 1],
    ]);
    await table('h3.duckdb', 'student_year', `DELETE FROM student_year WHERE student_id = 'S1'`);
    const d = await checkOutcomes(join(dir, 'b2.duckdb'), join(dir, 'h3.duckdb'));
    expect([d.equal, d.students, d.only_one]).toEqual([false, 3, 1]);
  });
});
