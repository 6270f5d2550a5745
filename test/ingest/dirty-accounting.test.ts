/**
 * `validate` on a generated district with injected bad rows: every row is accounted for
 * (read = accepted + rejected), the rejects by reason equal what the generator injected (truth.json
 * dirty_rows, counted as it wrote them), and each reject's source line is that row's line in its file.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { validatePipeline, type ValidationResult } from '../../src/run/validate-pipeline.js';
import { freshDir } from '../helpers/paths.js';
import { writePipeline } from '../helpers/write-pipeline.js';
import { runCli } from '../helpers/run-cli.js';
import { openDb, queryRows } from '../../src/util/duckdb.js';

const dir = freshDir('dirty-accounting');
const data = join(dir, 'data');
let truth: Awaited<ReturnType<typeof generateDistrict>>['truth'];
let v: ValidationResult;
let pipeline: string;

beforeAll(async () => {
  truth = (await generateDistrict({ out: data, students: 900, schools: 5, seed: 5, dirty: 0.02 })).truth;
  pipeline = writePipeline(dir, data);
  v = await validatePipeline(pipeline);
}, 120_000);

describe('row accounting on dirty extracts', () => {
  it('balances for every extract: read = accepted + rejected', () => {
    expect(v.ingest.extracts.length).toBe(5);
    for (const e of v.ingest.extracts) {
      expect(e.rows_read, e.extract).toBe(e.rows_accepted + e.rows_rejected);
      const byReason = Object.values(e.rejected_by_reason).reduce((a, b) => a + b, 0);
      expect(byReason, e.extract).toBe(e.rows_rejected);
    }
  });

  it('rejects exactly the rows the generator injected, with the reasons it expected', () => {
    for (const e of v.ingest.extracts) {
      expect(e.rejected_by_reason, e.extract).toEqual(truth.dirty_rows[e.extract] ?? {});
    }
    // the generator injected at least one of each kind the contract names for visits
    expect(Object.keys(truth.dirty_rows.visits!).sort()).toEqual(['bad_date', 'date_outside_year', 'duplicate_key', 'malformed_row', 'out_of_range', 'unknown_student']);
  });

  it('points each reject at its own line of the source file (header = line 1), also after malformed lines', async () => {
    const db = await openDb();
    for (const extract of ['visits', 'students', 'attendance', 'assessments']) {
      const lines = readFileSync(join(data, `${extract}.csv`), 'utf8').split('\n');
      const rejects = await queryRows<{ source_line: number; reason: string; student_id: string | null; raw_line: string | null }>(
        db.conn,
        `SELECT source_line, reason, student_id, raw_line FROM read_csv('${join(v.folder, 'rejects', `${extract}.csv`)}', all_varchar = true, types = {'source_line': 'INTEGER'})`,
      );
      expect(rejects.length, extract).toBe(v.ingest.extracts.find((e) => e.extract === extract)!.rows_rejected);
      for (const r of rejects) {
        const line = lines[r.source_line - 1]!;
        if (r.reason === 'malformed_row') expect(line, extract).toBe(r.raw_line);
        else expect(line.split(',')[extract === 'visits' ? 1 : 0], `${extract} line ${r.source_line}`).toBe(r.student_id ?? '');
      }
    }
    db.close();
  });

  it('exits 0 from the CLI even with rejects, and prints the accounting', () => {
    const r = runCli(['validate', pipeline, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/visits\s+[\d,]+\s+[\d,]+\s+[\d,]+\n/);
    // the rejects grouped by reason and column, not row by row
    expect(r.stdout).toMatch(/\nvisits\s+malformed_row\s+-\s+-\s+\d+\s+-\n/);
  });
});
