import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { districtSql, schoolCount, u01, DAYS_PER_YEAR, EXTRACTS } from '../../bench/district-sql.js';
import { bareSql } from '../../bench/bare-sql.js';
import { benchPipelineYaml } from '../../bench/bench-pipeline.js';
import { checkOutcomes } from '../../bench/outcome-check.js';
import { runCli } from '../helpers/run-cli.js';

const N = 2000;
let dir: string;
let instance: DuckDBInstance;
let conn: DuckDBConnection;
const one = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS()[0] as Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hve-bench-district-'));
  for (const f of ['csv', 'parquet']) mkdirSync(join(dir, f));
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  for (const s of districtSql({ students: N, seed: 7, out: dir, formats: ['csv', 'parquet'] })) await conn.run(s);
});

afterAll(() => {
  conn.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('bench district (DuckDB SQL)', () => {
  it('draws uniform, uncorrelated numbers per stream', async () => {
    const r = await one(`SELECT avg(a) AS mean, corr(a, b) AS r FROM (SELECT ${u01(7, 'i', "'a'")} AS a, ${u01(7, 'i', "'b'")} AS b FROM range(100000) t(i))`);
    // mean of 100k uniforms: SE 0.0009; correlation of independent streams: SE 0.003
    expect(Math.abs(Number(r.mean) - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(Number(r.r))).toBeLessThan(0.015);
  });

  it('has 400 students a school, one row per student and year, 2017 for all', async () => {
    expect(schoolCount(N)).toBe(5);
    expect(schoolCount(1_000_000)).toBe(2500);
    const r = await one(`SELECT count(*) FILTER (WHERE school_year = 2017)::INTEGER AS y17, count(DISTINCT (student_id, school_year))::INTEGER AS keys,
      count(*)::INTEGER AS n, count(DISTINCT school_id)::INTEGER AS schools FROM '${dir}/parquet/students.parquet'`);
    expect(r.y17).toBe(N);
    expect(r.keys).toBe(r.n);
    expect(r.schools).toBe(5);
  });

  it('writes 170 weekdays a year from the third Monday of August, with no duplicate day', async () => {
    const r = await one(`SELECT min(date) FILTER (WHERE date < '2016-07-01')::VARCHAR AS first16, max(date) FILTER (WHERE date < '2016-07-01')::VARCHAR AS last16,
      min(date) FILTER (WHERE date >= '2016-07-01')::VARCHAR AS first17, count(*) FILTER (WHERE dayofweek(date) IN (0, 6))::INTEGER AS weekend,
      count(*)::INTEGER AS n, count(DISTINCT (student_id, date))::INTEGER AS keys FROM '${dir}/parquet/attendance.parquet'`);
    // 2015-08-17 (a Monday) + 33 weeks + 4 days = Friday 2016-04-08
    expect([r.first16, r.last16, r.first17, r.weekend]).toEqual(['2015-08-17', '2016-04-08', '2016-08-15', 0]);
    expect(r.keys).toBe(r.n);
    const perYear = await one(`SELECT max(n)::INTEGER AS most, count(*) FILTER (WHERE n = ${DAYS_PER_YEAR})::DOUBLE / count(*) AS full_share
      FROM (SELECT student_id, year(date + INTERVAL 6 MONTH) AS y, count(*) AS n FROM '${dir}/parquet/attendance.parquet' GROUP BY ALL)`);
    expect(perYear.most).toBe(DAYS_PER_YEAR);
    expect(Number(perYear.full_share)).toBeGreaterThan(0.95); // 4% of 2017 rows enter late
  });

  it('visits about a quarter of the students, only in program schools', async () => {
    const r = await one(`SELECT count(DISTINCT student_id)::DOUBLE / ${N} AS share FROM '${dir}/parquet/visits.parquet' WHERE status = 'completed'`);
    // 70% program schools × (30% + 15% × 40% high-propensity) = 25%; with 5 schools the program share varies
    expect(Number(r.share)).toBeGreaterThan(0.1);
    expect(Number(r.share)).toBeLessThan(0.45);
  });

  it('validates with zero rejects, and hve run gives exactly the bare baseline outcomes', async () => {
    for (const format of ['csv', 'parquet'] as const) {
      const pipeline = join(dir, `p-${format}.yaml`);
      writeFileSync(pipeline, benchPipelineYaml({ name: `t ${format}`, dir: join(dir, format), format, output: join(dir, `out-${format}`), seed: 7, analysis: '{ methods: [unadjusted], subgroups: false }' }));
      if (format === 'csv') {
        const v = runCli(['validate', pipeline, '--out', join(dir, 'val'), '--quiet']);
        expect(v.code).toBe(0);
        const acc = JSON.parse(readFileSync(join(dir, 'val', 'row_accounting.json'), 'utf8')) as { extract: string; rows_read: number; rows_rejected: number }[];
        const counts: Record<string, number> = {};
        for (const x of EXTRACTS) counts[x === 'attendance' ? 'attendance (daily)' : x] = Number((await one(`SELECT count(*) AS n FROM '${dir}/parquet/${x}.parquet'`)).n);
        expect(acc.map((a) => [a.extract.replace(/^attendance.*/, 'attendance (daily)'), a.rows_read, a.rows_rejected])).toEqual(
          Object.entries(counts).map(([x, n]) => [x, n, 0]),
        );
      }
      expect(runCli(['run', pipeline, '--quiet']).code).toBe(0);
      const bare = await DuckDBInstance.create(join(dir, `bare-${format}.duckdb`));
      const c = await bare.connect();
      for (const s of bareSql(join(dir, format), format)) await c.run(s);
      c.closeSync();
      bare.closeSync();
      const check = await checkOutcomes(join(dir, `bare-${format}.duckdb`), join(dir, `out-${format}`, 'analytic.duckdb'));
      expect(check.students).toBe(N);
      expect(check.columns.map((x) => [x.column, x.differ])).toEqual(check.columns.map((x) => [x.column, 0]));
      expect(check.equal).toBe(true);
    }
  });
});
