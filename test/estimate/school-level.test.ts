import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeTinyDistrict, type TinySchool } from '../helpers/tiny-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import type { ContrastResult, Results } from '../../src/results/results-schema.js';

// Five schools: A–D visit 50%, 40%, 30% and 20% of their students (all ≥ 10%); E visits nobody. So the
// ≥ 10% contrast has 4 schools against 1, and the moderator (schools with visited and comparison students,
// above vs. at or below the student-weighted mean visit rate 30/84 ≈ 0.357) has A, B against C, D.
const SCHOOLS: TinySchool[] = [
  { id: 'A', students: 24, visited: 12 },
  { id: 'B', students: 20, visited: 8 },
  { id: 'C', students: 20, visited: 6 },
  { id: 'D', students: 20, visited: 4 },
  { id: 'E', students: 22, visited: 0 },
];

/** Run the tiny district with `analysis` merged into its pipeline; returns the results and the facts. */
async function run(name: string, analysis: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), `hve-school-level-${name}-`));
  const tiny = writeTinyDistrict(dir, SCHOOLS, { minCell: 3 });
  const doc = parse(readFileSync(tiny.pipeline, 'utf8'));
  writeFileSync(tiny.pipeline, stringify({ ...doc, analysis: { methods: ['unadjusted', 'regression'], subgroups: false, ...analysis } }));
  await runPipeline(tiny.pipeline, { now: new Date('2020-01-01T00:00:00Z') });
  const out = join(dir, 'report');
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
  return { results, facts: tiny.facts, html: readFileSync(join(out, 'report.html'), 'utf8'), csv: readFileSync(join(out, 'tables', 'school_level.csv'), 'utf8') };
}

const row = (r: Results, analysis: string, outcome: string): ContrastResult => {
  const c = r.school_level!.find((x) => x.analysis.startsWith(analysis) && x.outcome === outcome);
  expect(c, `${analysis} / ${outcome}`).toBeDefined();
  return c!;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

let below: Awaited<ReturnType<typeof run>>;
let above: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  below = await run('default', {});
  above = await run('one', { min_schools_per_arm: 1 });
}, 120_000);

describe('school-level contrasts with fewer schools per side than analysis.min_schools_per_arm (default 5)', () => {
  it('shows group means and their difference, with no SE, CI or p, the note few_schools and the school counts', () => {
    // each student has 20 school days and misses (index mod 4) of them: attendance rate (20 − absent) / 20
    const rate = (schools: string[]) => mean(below.facts.filter((f) => schools.includes(f.school)).map((f) => (20 - f.absent) / 20));
    const chronic = (schools: string[]) => mean(below.facts.filter((f) => schools.includes(f.school)).map((f) => (f.absent >= 2 ? 1 : 0)));
    const att = row(below.results, 'school visit rate ≥ 10%', 'attendance_rate');
    expect(att.n_level).toBe(84);
    expect(att.n_reference).toBe(22);
    expect(att.schools).toEqual({ level: 4, reference: 1, min_per_arm: 5 });
    expect(att.mean_level).toBeCloseTo(rate(['A', 'B', 'C', 'D']), 12);
    expect(att.mean_reference).toBeCloseTo(rate(['E']), 12);
    expect(att.estimate).toBeCloseTo(rate(['A', 'B', 'C', 'D']) - rate(['E']), 12);
    expect([att.se, att.ci_low, att.ci_high, att.p_value]).toEqual([null, null, null, null]);
    expect(att.notes).toContainEqual({ code: 'few_schools', counts: { level_schools: 4, reference_schools: 1 }, values: { min_per_arm: 5 } });
    expect(att.descriptive).toBe(true);
    const chr = row(below.results, 'school visit rate ≥ 10%', 'chronic_absence');
    expect(chr.estimate).toBeCloseTo(chronic(['A', 'B', 'C', 'D']) - chronic(['E']), 12);
    expect(chr.p_value).toBeNull();
  });

  it('counts, for the moderator, the schools with both groups above vs. at or below the mean visit rate', () => {
    const m = row(below.results, 'school visit rate as moderator', 'attendance_rate');
    expect(m.schools).toEqual({ level: 2, reference: 2, min_per_arm: 5 });
    expect([m.se, m.ci_low, m.ci_high, m.p_value]).toEqual([null, null, null, null]);
    expect(m.notes).toContainEqual({ code: 'few_schools', counts: { level_schools: 2, reference_schools: 2 }, values: { min_per_arm: 5 } });
  });

  it('says why in the report and writes the school counts to school_level.csv', () => {
    expect(below.html).toContain('Descriptive only: 4 schools visiting ≥ 10% and 1 comparison school; at least 5 per side are needed for a p-value');
    expect(below.html).toContain('Descriptive only: 2 schools above and 2 at or below the mean school visit rate');
    const [head, ...lines] = below.csv.trim().split('\n');
    const cols = head!.split(',');
    const first = lines[0]!.split(',');
    expect(first[cols.indexOf('n_schools_level')]).toBe('4');
    expect(first[cols.indexOf('n_schools_reference')]).toBe('1');
    expect(first[cols.indexOf('p_value')]).toBe('');
  });
});

describe('school-level contrasts at or above min_schools_per_arm', () => {
  it('estimate SE, CI and p from the adjusted model, without the few_schools note', () => {
    for (const analysis of ['school visit rate ≥ 10%', 'school visit rate as moderator']) {
      const c = row(above.results, analysis, 'attendance_rate');
      expect(c.schools!.min_per_arm).toBe(1);
      expect(c.notes.map((n) => n.code)).not.toContain('few_schools');
      expect(c.descriptive).toBe(false);
      expect(c.p_value).not.toBeNull();
      expect(c.p_value!).toBeGreaterThanOrEqual(0);
      expect(c.p_value!).toBeLessThanOrEqual(1);
      expect(c.ci_low!).toBeLessThanOrEqual(c.estimate!);
      expect(c.ci_high!).toBeGreaterThanOrEqual(c.estimate!);
    }
    expect(above.html).not.toContain('Descriptive only:');
  });
});
