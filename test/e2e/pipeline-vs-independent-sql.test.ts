/**
 * End to end on a generated district: the pipeline's unadjusted estimates must equal an independent
 * computation written here in plain DuckDB SQL straight from the CSV extracts (to 1e-9), the sample flow
 * must match the generator's own count of analytic visited students, and the outputs must hold no student ID.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { writeFigurePack } from '../../src/report/figure-pack/write-figure-pack.js';
import { ResultsSchema, SCHEMA_VERSION, type Results } from '../../src/results/results-schema.js';
import { openDb, queryRows } from '../../src/util/duckdb.js';
import { freshDir } from '../helpers/paths.js';
import { writePipeline } from '../helpers/write-pipeline.js';

const dir = freshDir('e2e-independent');
const data = join(dir, 'data');
let results: Results;
let truth: Awaited<ReturnType<typeof generateDistrict>>['truth'];

interface Agg { visited: number; n: number; mean: number; var: number }

/** Group n, mean and sample variance of an outcome, computed from the raw CSVs with SQL written for this test. */
async function independentAggregates(): Promise<Record<string, Agg[]>> {
  const db = await openDb();
  const q = (sql: string) => db.conn.run(sql);
  const f = (x: string) => `'${join(data, x)}'`;
  await q(`CREATE TABLE s AS SELECT * FROM read_csv(${f('students.csv')}, all_varchar = true)`);
  await q(`CREATE TABLE v AS SELECT * FROM read_csv(${f('visits.csv')}, all_varchar = true)`);
  await q(`CREATE TABLE a AS SELECT student_id, school_id, date::DATE AS d, status FROM read_csv(${f('attendance.csv')}, all_varchar = true)`);
  await q(`CREATE TABLE di AS SELECT * FROM read_csv(${f('discipline.csv')}, all_varchar = true)`);
  await q(`CREATE TABLE t AS SELECT * FROM read_csv(${f('assessments.csv')}, all_varchar = true)`);
  // school year 2016-17 runs 2016-07-01 .. 2017-06-30
  const inY = (col: string) => `${col}::DATE BETWEEN DATE '2016-07-01' AND DATE '2017-06-30'`;
  await q(`CREATE TABLE vis AS SELECT DISTINCT student_id FROM v WHERE status = 'completed' AND ${inY('visit_date')}`);
  await q(`CREATE TABLE prog AS SELECT DISTINCT school_id FROM v WHERE status = 'completed' AND ${inY('visit_date')}`);
  await q(`CREATE TABLE days_school AS SELECT student_id, school_id, count(*) AS days FROM a WHERE ${inY('d')} GROUP BY ALL`);
  await q(`CREATE TABLE primary_school AS
    SELECT s.student_id, s.school_id FROM s LEFT JOIN days_school ds USING (student_id, school_id)
    WHERE s.school_year = '2017'
    QUALIFY row_number() OVER (PARTITION BY s.student_id ORDER BY coalesce(ds.days, 0) DESC, s.school_id) = 1`);
  await q(`CREATE TABLE att AS SELECT student_id, count(*) AS days,
      count(*) FILTER (WHERE status IN ('excused', 'unexcused', 'suspended')) AS absent
    FROM a WHERE ${inY('d')} GROUP BY student_id`);
  await q(`CREATE TABLE sample AS
    SELECT p.student_id, (vis.student_id IS NOT NULL)::INTEGER AS visited, att.days, att.absent
    FROM primary_school p JOIN att USING (student_id) LEFT JOIN vis USING (student_id)
    WHERE p.school_id IN (SELECT school_id FROM prog) AND att.days >= 10`);
  await q(`CREATE TABLE inc AS SELECT student_id, count(DISTINCT incident_id) AS k FROM di WHERE ${inY('incident_date')} GROUP BY student_id`);
  await q(`CREATE TABLE z AS SELECT student_id, subject,
      (scale_score::DOUBLE - avg(scale_score::DOUBLE) OVER w) / stddev_samp(scale_score::DOUBLE) OVER w AS z
    FROM t WHERE school_year = '2017' WINDOW w AS (PARTITION BY subject, grade_tested)`);
  const outcomes: Record<string, string> = {
    attendance_rate: '1 - absent / days',
    chronic_absence: '(absent / days >= 0.10)::INTEGER',
    days_absent: 'absent',
    any_incident: '(coalesce(inc.k, 0) > 0)::INTEGER',
    incident_count: 'coalesce(inc.k, 0)',
    math_z: 'zm.z',
  };
  const out: Record<string, Agg[]> = {};
  for (const [name, expr] of Object.entries(outcomes)) {
    out[name] = await queryRows<Agg>(db.conn, `
      SELECT visited, count(y)::INTEGER AS n, avg(y)::DOUBLE AS mean, var_samp(y)::DOUBLE AS var FROM (
        SELECT sample.visited, (${expr})::DOUBLE AS y FROM sample
        LEFT JOIN inc USING (student_id)
        LEFT JOIN (SELECT * FROM z WHERE subject = 'math') zm USING (student_id)
      ) GROUP BY visited ORDER BY visited DESC`);
  }
  db.close();
  return out;
}

beforeAll(async () => {
  const g = await generateDistrict({ out: data, students: 1500, schools: 6, seed: 3 });
  truth = g.truth;
  const pipeline = writePipeline(dir, data);
  results = (await runPipeline(pipeline)).results;
}, 240_000);

describe('pipeline on a generated district', () => {
  it('writes results.json that passes the zod schema', () => {
    const raw = JSON.parse(readFileSync(join(dir, 'report', 'results.json'), 'utf8'));
    expect(ResultsSchema.safeParse(raw).success).toBe(true);
    expect(raw.schema_version).toBe(SCHEMA_VERSION);
  });

  it('counts the same analytic visited students as the generator (truth.json n)', () => {
    const last = results.sample_flow.at(-1)!;
    expect(last.visited).toBe(truth.att.attendance_rate!.n);
  });

  it('matches an independent SQL computation of n, means, difference and SE to 1e-9', async () => {
    const ind = await independentAggregates();
    for (const [name, groups] of Object.entries(ind)) {
      const [t, c] = groups as [Agg, Agg];
      const o = results.outcomes.find((x) => x.outcome === name)!;
      const e = o.estimates[0]!;
      expect(e.n_treated, name).toBe(t.n);
      expect(e.n_comparison, name).toBe(c.n);
      expect(e.mean_treated!, name).toBeCloseTo(t.mean, 9);
      expect(e.mean_comparison!, name).toBeCloseTo(c.mean, 9);
      expect(e.estimate!, name).toBeCloseTo(t.mean - c.mean, 9);
      // binary: unpooled Wald SE from the proportions; otherwise Welch SE from sample variances
      const se = o.type === 'binary'
        ? Math.sqrt((t.mean * (1 - t.mean)) / t.n + (c.mean * (1 - c.mean)) / c.n)
        : Math.sqrt(t.var / t.n + c.var / c.n);
      expect(e.se!, name).toBeCloseTo(se, 9);
      // WWC effect size: Hedges' g = ω (mean_t − mean_c) / pooled SD, ω = 1 − 3/(4N − 9); Cox = ω ln(OR) / 1.65
      const N = t.n + c.n;
      const omega = 1 - 3 / (4 * N - 9);
      const es = o.type === 'binary'
        ? (omega * Math.log((t.mean / (1 - t.mean)) / (c.mean / (1 - c.mean)))) / 1.65
        : (omega * (t.mean - c.mean)) / Math.sqrt(((t.n - 1) * t.var + (c.n - 1) * c.var) / (N - 2));
      expect(e.effect_size!, name).toBeCloseTo(es, 9);
    }
  });

  it('shows the naive chronic-absence gap larger than the true effect (selection on prior attendance)', () => {
    const e = results.outcomes.find((o) => o.outcome === 'chronic_absence')!.estimates[0]!;
    expect(truth.att.chronic_absence!.difference).toBeLessThan(0);
    expect(e.estimate!).toBeLessThan(truth.att.chronic_absence!.difference);
  });

  it('writes a grant-writer pack whose statements all come from gated results', async () => {
    const pack = await writeFigurePack(join(dir, 'report'));
    expect(pack.findings + pack.unchecked + pack.noDifference + pack.leftOut).toBe(results.outcomes.length);
    const md = readFileSync(join(dir, 'report', 'figures', 'statements.md'), 'utf8');
    expect(md).toMatch(/^# Test District: statements you can quote/);
    const quoted = md.split('\n').filter((l) => l.startsWith('> '));
    // one quoted line per outcome statement, and the reach and cost statements of the implementation card
    expect(pack.implementation).toBe(2);
    expect(quoted.length).toBe(pack.findings + pack.unchecked + pack.noDifference + pack.implementation);
    for (const q of quoted) expect(q, q).not.toMatch(/caus/i);
    const html = readFileSync(join(dir, 'report', 'figures', 'index.html'), 'utf8');
    expect((html.match(/<article/g) ?? []).length).toBe(pack.findings + pack.unchecked + pack.noDifference + 1);
    // the report's own figures are kept beside the pack
    expect(readdirSync(join(dir, 'report', 'figures'))).toEqual(expect.arrayContaining(['group-means.svg', 'love-plot.png', 'statements.md', 'index.html']));
  });

  it('puts no student ID in any publishable output', () => {
    const ids = readFileSync(join(data, 'students.csv'), 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]).filter(Boolean);
    const idSet = new Set(ids);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(join(dir, 'report'));
    const publishable = files.filter((p) => !p.includes(`${join(dir, 'report', 'rejects')}`) && !p.endsWith('.duckdb'));
    expect(publishable.some((p) => p.endsWith('report.html'))).toBe(true);
    for (const p of publishable) {
      const text = readFileSync(p, 'latin1');
      const hits = (text.match(/S\d{7}/g) ?? []).filter((m) => idSet.has(m));
      expect(hits, p).toEqual([]);
    }
  });
});
