import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { readPoolCsv } from '../../src/network/read-pool-csv.js';
import { estimateFixture, gatedFixture, resultsFixture } from '../helpers/results-fixture.js';
import { NetworkResultsSchema } from '../../src/network/network-schema.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'hve-network-'));

/** A run folder holding the gated results.json of a fixture site. */
function runFolder(root: string, site: string, estimate: number): string {
  const r = resultsFixture([{ outcome: 'chronic_absence', label: 'Chronically absent', domain: 'attendance', type: 'binary', lower_is_better: true, unit: 'percent', estimates: [estimateFixture({ estimate, ci_low: estimate - 0.04, ci_high: estimate + 0.04 })] }]);
  r.site = site;
  r.definitions.comparison_group = 'program_schools';
  const folder = join(root, site);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'results.json'), JSON.stringify(gatedFixture(r).data));
  return folder;
}

const CSV = [
  'site,estimate,se,n,state,year,fidelity',
  'a,0.1,0.1,200,CA,2017,0.9',
  'b,0.2,,300,CA,2017,0.5', // missing_required
  'c,abc,0.1,100,OR,2017,0.4', // bad_number
  'd,0.3,-1,100,OR,2017,0.4', // bad_number (se ≤ 1e-12)
  'e,0.4,0.2,150,OR,2017,0.3',
  'e,0.4,0.2,150,OR,2017,0.3', // duplicate_key
  'f,0.2,0.1,100,WA,2017,0.2,extra', // malformed_row
  'g,0.25,0.15,120,WA,2017,1.4', // out_of_range (fidelity > 1)
  'h,0.05,0.1,100,WA,2017,0.6',
].join('\n');

describe('hve bundle and hve network', () => {
  it('bundles run folders and pools them into network.json', () => {
    const root = tmp();
    const folders = ['a', 'b', 'c'].map((s, i) => runFolder(root, s, -0.05 - 0.01 * i));
    for (const f of folders) {
      const r = runCli(['bundle', f, '--quiet']);
      expect(r.code).toBe(0);
      expect(existsSync(join(f, 'bundle.json'))).toBe(true);
    }
    const out = join(root, 'net');
    const n = runCli(['network', ...folders.map((f) => join(f, 'bundle.json')), '--out', out, '--quiet']);
    expect(n.stderr).toBe('');
    expect(n.code).toBe(0);
    const json = NetworkResultsSchema.parse(JSON.parse(readFileSync(join(out, 'network.json'), 'utf8')));
    const cell = json.pooled.find((p) => p.method === 'regression' && p.scale === 'difference')!;
    // equal SEs: the fixed-effect mean is the plain mean of −0.05, −0.06, −0.07
    expect(cell.fits.find((f) => f.estimator === 'FE')!.estimate).toBeCloseTo(-0.06, 12);
    // a second run replaces the folder it wrote
    expect(runCli(['network', root, '--out', out, '--quiet']).code).toBe(0);
  });

  it('a run folder without results.json is one sentence, exit 2', () => {
    const r = runCli(['bundle', tmp(), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/has no results\.json/);
  });
});

describe('hve pool', () => {
  it('rejects bad rows with reasons, read = accepted + rejected', async () => {
    const d = tmp();
    writeFileSync(join(d, 'effects.csv'), `${CSV}\n`);
    const csv = await readPoolCsv(join(d, 'effects.csv'));
    expect(csv.rows.map((r) => r.site)).toEqual(['a', 'e', 'h']);
    expect(csv.rejectedByReason).toEqual({ missing_required: 1, bad_number: 2, out_of_range: 1, duplicate_key: 1, malformed_row: 1 });
    expect(csv.rejects.map((x) => [x.line, x.reason, x.column])).toEqual([[3, 'missing_required', 'se'], [4, 'bad_number', 'estimate'], [5, 'bad_number', 'se'], [7, 'duplicate_key', 'site'], [8, 'malformed_row', null], [9, 'out_of_range', 'fidelity']]);
    expect(csv).toMatchObject({ read: 9, accepted: 3, rejected: 6 });
    expect(csv.rows[0]).toEqual({ site: 'a', outcome: 'effect', estimate: 0.1, se: 0.1, n: 200, state: 'CA', year: 2017, reach: null, fidelity: 0.9 });
  });

  it('pools a CSV with variance instead of se, and names a missing column in one sentence', () => {
    const d = tmp();
    writeFileSync(join(d, 'v.csv'), 'site,estimate,variance\na,0.1,0.01\nb,0.3,0.04\n');
    const out = join(d, 'out');
    const r = runCli(['pool', join(d, 'v.csv'), '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const json = NetworkResultsSchema.parse(JSON.parse(readFileSync(join(out, 'network.json'), 'utf8')));
    // FE by hand: w = 100, 25 → (10 + 7.5)/125
    expect(json.pooled[0]!.fits.find((f) => f.estimator === 'FE')!.estimate).toBeCloseTo(17.5 / 125, 12);
    writeFileSync(join(d, 'bad.csv'), 'site,estimate\na,0.1\n');
    const bad = runCli(['pool', join(d, 'bad.csv'), '--out', join(d, 'out2'), '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/has no se or variance column/);
  });

  it('writes every reject with its line and reason to rejects/effects.csv; se and variance that disagree, or an SE of 1e-200, are rejects', () => {
    const d = tmp();
    // line 3: se² = 0.01 vs variance 0.02 (se_variance_conflict); line 4: se² = 0.0025 = variance (kept); line 5: se 1e-200 (bad_number)
    writeFileSync(join(d, 'e.csv'), 'site,estimate,se,variance\na,0.1,0.1,\nb,0.2,0.1,0.02\nc,0.3,0.05,0.0025\nd,0.4,1e-200,\ne,0.2,0.2,\n');
    const out = join(d, 'out');
    const r = runCli(['pool', join(d, 'e.csv'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('line 3: se_variance_conflict (variance = 0.02)');
    expect(r.stderr).toContain('line 5: bad_number (se = 1e-200)');
    const rejects = readFileSync(join(out, 'rejects', 'effects.csv'), 'utf8').trim().split('\n');
    expect(rejects.map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['line,reason,column', '3,se_variance_conflict,variance', '5,bad_number,se']);
    const json = NetworkResultsSchema.parse(JSON.parse(readFileSync(join(out, 'network.json'), 'utf8')));
    expect(json.input_rows).toMatchObject({ read: 5, accepted: 3, rejected: 2, rejected_by_reason: { se_variance_conflict: 1, bad_number: 1 } });
  });

  it('an empty CSV, or one with no accepted row, is one sentence, exit 2', () => {
    const d = tmp();
    writeFileSync(join(d, 'empty.csv'), 'site,estimate,se\n');
    writeFileSync(join(d, 'none.csv'), 'site,estimate,se\na,0.1,0\n');
    for (const [f, why] of [['empty.csv', 'it has no data row'], ['none.csv', 'all 1 rows were rejected (1 bad_number)']] as const) {
      const r = runCli(['pool', join(d, f), '--out', join(d, `o-${f}`), '--quiet']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(why);
      expect(existsSync(join(d, `o-${f}`))).toBe(false);
    }
  });
});
