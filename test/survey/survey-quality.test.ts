import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runCli } from '../helpers/run-cli.js';

// The survey file meets quality.max_reject_share like every other extract, and its restricted rejects are owner-only.
const dir = mkdtempSync(join(tmpdir(), 'hve-survey-quality-'));
const INSTR = resolve(import.meta.dirname, '../../pipelines/instruments');
let bad = 0;
let rows = 0;

beforeAll(async () => {
  await generateDistrict({ out: join(dir, 'data'), students: 600, schools: 4, seed: 3 });
  // every 10th survey row answers 9 on its first item (range 1–5): 10% out_of_range, above the default 2%
  const [head, ...lines] = readFileSync(join(dir, 'data', 'surveys.csv'), 'utf8').trim().split('\n');
  const first = head!.split(',').findIndex((c) => c === 't_conn1');
  const out = lines.map((l, i) => {
    const v = l.split(',');
    if (i % 10 === 0 && v[first] !== '') {
      v[first] = '9';
      bad++;
    }
    return v.join(',');
  });
  rows = lines.length;
  writeFileSync(join(dir, 'data', 'surveys.csv'), [head, ...out].join('\n') + '\n');
  const pipeline = (name: string, extra: string) =>
    writeFileSync(
      join(dir, name),
      `name: Q\nsite: q\noutcome_year: 2017\nsources:\n${['students', 'visits', 'attendance', 'surveys'].map((x) => `  ${x}: { path: data/${x}.csv${x === 'surveys' ? ', waves: [fall, spring]' : ''} }`).join('\n')}\n` +
        `surveys: [${INSTR}/teacher-short.yaml, ${INSTR}/parent-short.yaml]\nanalysis: { methods: [unadjusted], subgroups: false }\n${extra}output: out-${name}\n`,
    );
  pipeline('strict.yaml', '');
  pipeline('loose.yaml', 'quality: { max_reject_share: 0.5 }\n');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the survey file and the data-quality gates', () => {
  it('stops hve run with one sentence when the survey file rejects more than quality.max_reject_share', () => {
    expect(bad).toBeGreaterThan(0.02 * rows);
    const r = runCli(['run', join(dir, 'strict.yaml'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`surveys: ${bad.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows`);
    expect(r.stderr).toContain('out_of_range');
    expect(r.stderr).not.toMatch(/at .*\.ts/);
  }, 60_000);

  it('lists the survey gate in hve validate', () => {
    const r = runCli(['validate', join(dir, 'strict.yaml'), '--out', join(dir, 'val'), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`STOP  surveys: ${bad.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows rejected`);
  }, 60_000);

  it('runs with a raised max_reject_share and writes rejects/surveys.csv owner-only (0600)', () => {
    const r = runCli(['run', join(dir, 'loose.yaml'), '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const f = join(dir, 'out-loose.yaml', 'rejects', 'surveys.csv');
    expect(readFileSync(f, 'utf8').trim().split('\n').length - 1).toBe(bad);
    expect(statSync(f).mode & 0o777).toBe(0o600);
  }, 120_000);
});
