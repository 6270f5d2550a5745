/** hve compare reads a CSV like the ingest: a bad line is a reject with a reason, and rows read = accepted + rejected. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { openDb } from '../../src/util/duckdb.js';
import { readAnalyticFile, readerErrorReason } from '../../src/compare/read-analytic-file.js';
import type { Results } from '../../src/results/results-schema.js';

/** 200 rows t,y,x (t alternating 0/1), then `extra` lines inserted after the data line `at` of each. */
function csv(dir: string, extra: [number, string][], rows = 200): string {
  const lines = ['t,y,x'];
  for (let i = 0; i < rows; i++) lines.push(`${i % 2},${((i * 37) % 100) / 100 + 0.3 * (i % 2)},${((i * 53) % 100) / 100}`);
  for (const [at, line] of [...extra].sort((a, b) => b[0] - a[0])) lines.splice(at + 1, 0, line);
  const file = join(dir, 'data.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('hve compare: rejected lines of the analytic file', () => {
  it('a line with too many fields and one with too few are rejected as malformed_row, and read = accepted + rejected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hve-compare-rejects-'));
    // one row with no treatment is missing_required, as before
    const file = csv(dir, [[50, '1,0.5,0.2,9'], [120, '1'], [150, ',0.4,0.3']]);
    const r = runCli(['compare', '--data', file, '--treatment', 't', '--outcome', 'y', '--covariates', 'x', '--method', 'regression', '--out', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('compare: rejected 2 rows of data.csv (2 malformed_row; line 52, 123)');
    const res = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as Results;
    const input = res.provenance.inputs[0]!;
    expect(input.rows_read).toBe(203);
    expect(input.rows_accepted).toBe(200);
    expect(input.rows_rejected).toBe(3);
    expect(input.rejected_by_reason).toEqual({ malformed_row: 2, missing_required: 1 });
    expect(input.rows_accepted + input.rows_rejected).toBe(input.rows_read);
  });

  it('a value that is not a number in a numeric column is rejected as bad_number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hve-compare-badnum-'));
    // past the reader's type-sniffing sample, so y is read as a number and "abc" fails to cast
    const file = csv(dir, [[30000, '1,abc,0.5']], 30000);
    const db = await openDb();
    try {
      const rej = await readAnalyticFile(db.conn, file, 'data.csv');
      expect(rej).toEqual({ rejected: 1, byReason: { bad_number: 1 }, lines: [30002] });
    } finally {
      db.close();
    }
  });

  it('maps reader errors to the contract’s reasons', () => {
    expect(readerErrorReason('TOO MANY COLUMNS', null)).toBe('malformed_row');
    expect(readerErrorReason('UNQUOTED VALUE', 'VARCHAR')).toBe('malformed_row');
    expect(readerErrorReason('CAST', 'DOUBLE')).toBe('bad_number');
    expect(readerErrorReason('CAST', 'DATE')).toBe('bad_date');
    expect(readerErrorReason('CAST', 'BOOLEAN')).toBe('bad_bool');
  });

  it('a file that cannot be read at all is one sentence and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hve-compare-unreadable-'));
    const file = join(dir, 'data.csv');
    writeFileSync(file, '');
    const r = runCli(['compare', '--data', file, '--treatment', 't', '--outcome', 'y', '--out', join(dir, 'out'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^hve: /);
  });
});
