/**
 * The same district read three ways gives the same attendance estimates: daily CSV, yearly-summary CSV
 * (generated from the same seed, so the same days absent), and Parquet files split into a glob.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import type { Results } from '../../src/results/results-schema.js';
import { openDb } from '../../src/util/duckdb.js';
import { freshDir } from '../helpers/paths.js';
import { writePipeline } from '../helpers/write-pipeline.js';

const dir = freshDir('formats');
const runs: Record<string, Results> = {};
const attendance = (r: Results) => r.outcomes.filter((o) => o.domain === 'attendance').map((o) => o.estimates[0]!);

beforeAll(async () => {
  await generateDistrict({ out: join(dir, 'daily'), students: 700, schools: 4, seed: 21 });
  await generateDistrict({ out: join(dir, 'summary'), students: 700, schools: 4, seed: 21, attendance: 'summary' });
  // parquet: each extract as parquet, attendance split by year into two files read through a glob
  const pq = join(dir, 'parquet');
  mkdirSync(join(pq, 'attendance'), { recursive: true });
  const db = await openDb();
  for (const x of ['students', 'visits', 'discipline', 'assessments']) {
    await db.conn.run(`COPY (SELECT * FROM read_csv('${join(dir, 'daily', `${x}.csv`)}', all_varchar = true)) TO '${join(pq, `${x}.parquet`)}' (FORMAT parquet)`);
  }
  for (const y of [2016, 2017]) {
    await db.conn.run(`COPY (SELECT * FROM read_csv('${join(dir, 'daily', 'attendance.csv')}', all_varchar = true)
      WHERE date < '${y}-07-01' AND date >= '${y - 1}-07-01') TO '${join(pq, 'attendance', `${y}.parquet`)}' (FORMAT parquet)`);
  }
  db.close();
  for (const kind of ['daily', 'summary']) {
    runs[kind] = (await runPipeline(writePipeline(join(dir, kind), join(dir, kind), { output: join(dir, kind, 'report') }))).results;
  }
  const p = writePipeline(pq, pq, {
    sources: {
      students: { path: 'students.parquet' },
      visits: { path: 'visits.parquet' },
      attendance: { path: 'attendance/*.parquet' },
      discipline: { path: 'discipline.parquet' },
      assessments: { path: 'assessments.parquet' },
    },
    output: join(pq, 'report'),
  });
  runs.parquet = (await runPipeline(p)).results;
}, 180_000);

describe('input formats', () => {
  it('detects daily and summary attendance from the columns', () => {
    expect(runs.daily!.definitions.attendance_kind).toBe('daily');
    expect(runs.summary!.definitions.attendance_kind).toBe('summary');
  });

  it('gives the same attendance estimates from daily rows and from yearly summaries', () => {
    const a = attendance(runs.daily!);
    const b = attendance(runs.summary!);
    expect(a.length).toBe(3);
    a.forEach((e, i) => {
      expect(b[i]!.n_treated).toBe(e.n_treated);
      expect(b[i]!.estimate!).toBeCloseTo(e.estimate!, 12);
    });
  });

  it('reads Parquet and a glob of Parquet files with the same results as CSV', () => {
    const pq = runs.parquet!;
    const att = pq.provenance.inputs.find((i) => i.extract === 'attendance')!;
    expect(att.files).toBe(2);
    expect(att.rows_read).toBe(runs.daily!.provenance.inputs.find((i) => i.extract === 'attendance')!.rows_read);
    expect(pq.sample_flow).toEqual(runs.daily!.sample_flow);
    pq.outcomes.forEach((o, i) => expect(o.estimates[0]!.estimate).toBe(runs.daily!.outcomes[i]!.estimates[0]!.estimate));
  });
});
