/**
 * A district in its own format (custom headers, codes and US dates) mapped by the pipeline file, and
 * the user errors a new district makes: each must be one sentence naming the file and column, exit 2, no stack.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { validatePipeline } from '../../src/run/validate-pipeline.js';
import { InputError } from '../../src/util/input-error.js';
import type { Results } from '../../src/results/results-schema.js';
import { freshDir } from '../helpers/paths.js';
import { writeTinyDistrict } from '../helpers/tiny-district.js';
import { runCli } from '../helpers/run-cli.js';

const dir = freshDir('mapping');
let tiny: ReturnType<typeof writeTinyDistrict>;
let results: Results;

/** Write a variant of the tiny pipeline with `edit` applied to its parsed YAML. */
function variant(name: string, edit: (doc: Record<string, any>) => void): string {
  const doc = parse(readFileSync(tiny.pipeline, 'utf8'));
  edit(doc);
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, stringify(doc));
  return path;
}

beforeAll(async () => {
  tiny = writeTinyDistrict(dir, [
    { id: 'A', students: 24, visited: 12 },
    { id: 'B', students: 16, visited: 0 },
  ], { minCell: 5 }); // 6 of the 12 visited are chronically absent: shown at min_cell 5 (at 10 the numerator rule hides it)
  results = (await runPipeline(tiny.pipeline)).results;
}, 60_000);

describe('column and code mapping', () => {
  it('accepts every row of the mapped extracts', () => {
    for (const i of results.provenance.inputs) expect(i.rows_rejected, i.extract).toBe(0);
    const att = results.provenance.inputs.find((i) => i.extract === 'attendance')!;
    expect(att.rows_read).toBe(40 * 20);
  });

  it('treats school B (no completed visit; one cancelled) as outside the program', () => {
    // enrolled 40 → in a program school: the 24 of school A, 12 visited
    expect(results.sample_flow.map((s) => [s.students, s.visited, s.comparison])).toEqual([
      [40, 12, 28],
      [24, 12, 12],
      [24, 12, 12],
      [24, 12, 12],
    ]);
  });

  it('computes attendance by hand: student k misses k mod 4 of 20 days, tardy counts present', () => {
    const group = (visited: boolean) => tiny.facts.filter((f) => f.school === 'A' && f.visited === visited);
    const rate = (fs: { absent: number }[]) => fs.reduce((a, f) => a + (1 - f.absent / 20), 0) / fs.length;
    const e = results.outcomes.find((o) => o.outcome === 'attendance_rate')!.estimates[0]!;
    // students 1..12 visited: absences 1,2,3,0 repeated three times → mean 1.5 of 20 days → 0.925
    expect(rate(group(true))).toBeCloseTo(0.925, 12);
    expect(e.mean_treated!).toBeCloseTo(rate(group(true)), 12);
    expect(e.mean_comparison!).toBeCloseTo(rate(group(false)), 12);
    // chronic absence (≥ 10% of 20 days = 2+ days): absences 2 or 3 → half of each group
    const c = results.outcomes.find((o) => o.outcome === 'chronic_absence')!.estimates[0]!;
    expect(c.mean_treated).toBe(0.5);
  });

  it('leaves behavior and achievement out when those extracts are not given', () => {
    expect(results.outcomes.map((o) => o.outcome)).toEqual(['attendance_rate', 'chronic_absence', 'days_absent']);
  });
});

describe('user errors', () => {
  const expectOneSentence = (args: string[], pattern: RegExp) => {
    const r = runCli([...args, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  it('names a missing extract file', async () => {
    const p = variant('missing-file', (d) => (d.sources.visits.path = 'no-such-visits.csv'));
    await expect(validatePipeline(p)).rejects.toThrow(InputError);
    expectOneSentence(['validate', p], /visits extract no-such-visits\.csv does not exist/);
  });

  it('names a missing required column and the file', () => {
    const p = variant('missing-column', (d) => (d.sources.attendance.columns.status = 'AttendanceCode'));
    expectOneSentence(['validate', p], /attendance\.csv has no column "AttendanceCode", which the attendance mapping names for status \(its headers are: "StudentID", "SchoolCode", "AttDate", "Code"\)/);
  });

  it('names a mistyped pipeline key', () => {
    const p = variant('bad-key', (d) => (d.definitions = { chronic_treshold: 0.1 }));
    expectOneSentence(['validate', p], /"definitions" .*chronic_treshold/);
  });

  it('names a code mapped to a value that is not canonical', () => {
    const p = variant('bad-code', (d) => (d.sources.attendance.values.status.PRS = 'here'));
    expectOneSentence(['validate', p], /sends status code "PRS" to "here"/);
  });

  it('rejects (does not guess) a code that is neither canonical nor mapped', async () => {
    const p = variant('unmapped-code', (d) => delete d.sources.attendance.values.status.TRD);
    const v = await validatePipeline(p, join(dir, 'unmapped-validation'));
    const att = v.ingest.extracts.find((e) => e.extract === 'attendance')!;
    expect(att.rejected_by_reason).toEqual({ unknown_code: 40 });
    expect(att.rows_read).toBe(att.rows_accepted + att.rows_rejected);
  });

  it('names a missing pipeline file', () => {
    expectOneSentence(['run', join(dir, 'nope.yaml')], /Pipeline file .*nope\.yaml does not exist/);
  });

  it('leaves the previous report untouched when a run fails', async () => {
    const before = readFileSync(join(dir, 'report', 'results.json'), 'utf8');
    const p = variant('fails-late', (d) => (d.sources.visits.path = 'gone.csv'));
    const r = runCli(['run', p]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'report', 'results.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(dir, 'report', 'report.html'))).toBe(true);
  });
});

describe('a bad date_format', () => {
  it('is one sentence naming the extract and the format, exit 2, no stack', () => {
    const doc = parse(readFileSync(join(dir, 'pipeline.yaml'), 'utf8'));
    doc.sources.visits.date_format = '%Q/%d';
    const p = join(dir, 'bad-format.yaml');
    writeFileSync(p, stringify(doc));
    const r = runCli(['validate', p, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/visits date_format "%Q\/%d" is not a valid strptime format/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
