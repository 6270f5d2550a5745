/** A text covariate that is really an identifier would print its values in the report: hve compare refuses it. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

describe('hve compare and identifier-like covariates', () => {
  it('refuses a text covariate with one value per row, in one sentence naming the flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hve-idcov-'));
    const csv = join(dir, 'data.csv');
    const lines = ['sid,t,y'];
    for (let i = 0; i < 120; i++) lines.push(`K${1000 + i},${i % 2},${(i % 7) + (i % 2)}`);
    writeFileSync(csv, lines.join('\n') + '\n');
    const r = runCli(['compare', '--data', csv, '--treatment', 't', '--outcome', 'y', '--covariates', 'sid', '--method', 'regression', '--out', join(dir, 'out'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'hve: --covariates sid is a text column with 120 distinct values, 120 of them on fewer than 10 rows: it looks like an identifier or free text, whose values would be printed in the report; leave it out, or recode it into a few groups.\n',
    );
  });
});
