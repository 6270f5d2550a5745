import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { surveyFile } from '../../src/survey/survey-file.js';

// A site of 6 schools: S1 has 3 visiting teachers (each answering a distinct value) and 12 others; S2–S6 have
// 12 visiting and 12 other teachers. One teacher's answer must not be readable from anything published.
const ITEMS = ['a', 'b', 'c'];
function teacherRows(): string[] {
  const rows = ['respondent_id,respondent_type,school_id,wave,visiting,a,b,c'];
  let id = 0;
  const add = (school: string, visiting: number, v: number) => rows.push(`T${++id},teacher,${school},spring,${visiting},${v},${v},${v}`);
  [5, 1, 2].forEach((v) => add('S1', 1, v)); // the three visiting teachers of S1
  for (let i = 0; i < 12; i++) add('S1', 0, 1 + (i % 5));
  for (const s of ['S2', 'S3', 'S4', 'S5', 'S6']) for (let i = 0; i < 24; i++) add(s, i < 12 ? 1 : 0, 1 + ((i * 7) % 5));
  return rows;
}

describe('the survey privacy gate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hve-survey-gate-'));
    writeFileSync(join(dir, 'i.yaml'), `name: T\nrange: [1, 5]\nscales:\n  s:\n    label: S\n    items: [${ITEMS.join(', ')}]\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hides a school with 3 visiting teachers, and a partner school, so their scores cannot be read', async () => {
    writeFileSync(join(dir, 'r.csv'), teacherRows().join('\n') + '\n');
    const { publishable } = await surveyFile({ responses: join(dir, 'r.csv'), instruments: [join(dir, 'i.yaml')], group: 'visiting', cluster: 'school_id', out: join(dir, 'out') });
    const s = publishable.data.surveys!;
    const schools = s.by_school;
    const s1 = schools.find((r) => r.school_id === 'S1')!;
    expect(s1.n_level).toBeNull();
    expect(s1.mean_level).toBeNull();
    expect(s1.display?.n_level).toBe('fewer than 10');
    // without a partner, the site mean of visiting teachers and the other schools' means give S1's back
    const hidden = schools.filter((r) => r.mean_level === null).map((r) => r.school_id);
    expect(hidden).toHaveLength(2);
    const site = s.comparisons[0]!;
    expect(site.n_level).toBe(63);
    const shown = schools.filter((r) => r.mean_level !== null);
    const rest = shown.reduce((t, r) => t + r.n_level! * r.mean_level!, 0);
    const restN = shown.reduce((t, r) => t + r.n_level!, 0);
    // what is left to recover is the two hidden schools together (3 + 12 teachers), not S1 alone
    expect(site.n_level! - restN).toBe(15);
    expect(Number.isFinite((site.n_level! * site.mean_level! - rest) / (site.n_level! - restN))).toBe(true);
  });

  it('suppresses a comparison resting on one visiting teacher, and no published file holds the teacher\'s score', async () => {
    const rows = ['respondent_id,respondent_type,school_id,wave,visiting,a,b,c', 'T0,teacher,S1,spring,1,2,5,4'];
    for (let i = 1; i <= 30; i++) rows.push(`T${i},teacher,S${1 + (i % 3)},spring,0,${1 + (i % 5)},${1 + ((i * 3) % 5)},${1 + ((i * 2) % 5)}`);
    writeFileSync(join(dir, 'one.csv'), rows.join('\n') + '\n');
    const out = join(dir, 'out-one');
    const { publishable } = await surveyFile({ responses: join(dir, 'one.csv'), instruments: [join(dir, 'i.yaml')], group: 'visiting', out });
    const c = publishable.data.surveys!.comparisons[0]!;
    expect(c.suppressed).toBe(true);
    for (const f of ['n_level', 'mean_level', 'n_reference', 'mean_reference', 'estimate', 'effect_size'] as const) expect(c[f]).toBeNull();
    // the teacher's score is (2 + 5 + 4)/3 = 3.6667; the reference mean with n and the scale's mean and n would give it back
    const sc = publishable.data.surveys!.scales[0]!;
    expect(sc.n).toBe(31);
    const json = readFileSync(join(out, 'results.json'), 'utf8');
    expect(json).not.toMatch(/3\.66666/);
    for (const f of readdirSync(join(out, 'tables'))) expect(readFileSync(join(out, 'tables', f), 'utf8')).not.toMatch(/3\.66666/);
  });
});
