/** Same inputs and seed → identical extracts and identical results (apart from the timestamp), on 1 or 2 DuckDB threads. */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { sha256Text } from '../../src/util/sha256.js';
import { freshDir, ROOT } from '../helpers/paths.js';
import { writePipeline } from '../helpers/write-pipeline.js';

const dir = freshDir('determinism');
const hashes = (d: string) => Object.fromEntries(readdirSync(d).sort().map((f) => [f, sha256Text(readFileSync(join(d, f)))]));

describe('determinism', () => {
  it('generates byte-identical extracts for the same seed, and different ones for another seed', async () => {
    await generateDistrict({ out: join(dir, 'a'), students: 600, schools: 4, seed: 9, dirty: 0.01 });
    await generateDistrict({ out: join(dir, 'b'), students: 600, schools: 4, seed: 9, dirty: 0.01 });
    await generateDistrict({ out: join(dir, 'c'), students: 600, schools: 4, seed: 10, dirty: 0.01 });
    expect(hashes(join(dir, 'a'))).toEqual(hashes(join(dir, 'b')));
    expect(hashes(join(dir, 'a'))['attendance.csv']).not.toBe(hashes(join(dir, 'c'))['attendance.csv']);
  }, 60_000);

  it('writes the same results.json twice from the same inputs', async () => {
    // the dirty extracts break the data-quality gates on purpose: let the run go on, dropping what they reject
    const p = writePipeline(dir, join(dir, 'a'), { quality: { max_reject_share: 1, unknown_codes: 'reject', min_visit_match: 0 } });
    const now = new Date('2026-01-01T00:00:00Z');
    await runPipeline(p, { now });
    const first = readFileSync(join(dir, 'report', 'results.json'), 'utf8');
    const firstReport = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    await runPipeline(p, { now });
    expect(readFileSync(join(dir, 'report', 'results.json'), 'utf8')).toBe(first);
    expect(readFileSync(join(dir, 'report', 'report.html'), 'utf8')).toBe(firstReport);
  }, 60_000);

  it('writes the same results.json with engine.threads 1 and 2 (the pipeline file, which says which, aside)', async () => {
    const quality = { max_reject_share: 1, unknown_codes: 'reject', min_visit_match: 0 };
    const now = new Date('2026-01-01T00:00:00Z');
    const results: Record<string, unknown>[] = [];
    for (const threads of [1, 2]) {
      const data = join(dir, 'a');
      const sources = Object.fromEntries(['students', 'visits', 'attendance', 'discipline', 'assessments'].map((x) => [x, { path: join(data, `${x}.csv`) }]));
      // with the teacher and parent surveys, whose scale means and SDs DuckDB aggregates
      const surveys = { sources: { ...sources, surveys: { path: join(data, 'surveys.csv'), waves: ['fall', 'spring'] } }, surveys: ['teacher-short', 'parent-short'].map((i) => join(ROOT, 'pipelines', 'instruments', `${i}.yaml`)) };
      const p = writePipeline(dir, data, { quality, ...surveys, engine: { threads }, output: join(dir, `threads-${threads}`) }, `threads-${threads}.yaml`);
      await runPipeline(p, { now });
      const r = JSON.parse(readFileSync(join(dir, `threads-${threads}`, 'results.json'), 'utf8'));
      // the attendance extract (two years of school days) is more than one of DuckDB's row groups (122,880 rows), so 2 threads split the work
      expect(r.provenance.inputs.find((i: { extract: string }) => i.extract === 'attendance').rows_read).toBeGreaterThan(122_880);
      expect(r.provenance.pipeline_file).toMatch(new RegExp(`threads-${threads}\\.yaml$`));
      delete r.provenance.pipeline_file;
      delete r.provenance.pipeline_sha256;
      expect(r.surveys.scales.length).toBeGreaterThan(0);
      results.push(r);
    }
    expect(results[1]).toEqual(results[0]);
    expect(JSON.stringify(results[1])).toBe(JSON.stringify(results[0]));
  }, 120_000);
});
