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

  it('leaves one respondent without a group out of the scale, so the scale minus both groups gives nothing back', async () => {
    // 12 visiting (a = b = c = 1 + i % 5), 12 others (2 + i % 3), and T0 with no value of --group answering 5, 5, 4 (score 14/3)
    const rows = ['respondent_id,respondent_type,school_id,wave,visiting,a,b,c', 'T0,teacher,S1,spring,,5,5,4'];
    for (let i = 0; i < 24; i++) {
      const v = i < 12 ? 1 + (i % 5) : 2 + (i % 3);
      rows.push(`T${i + 1},teacher,S1,spring,${i < 12 ? 1 : 0},${v},${v},${v}`);
    }
    writeFileSync(join(dir, 'nogroup.csv'), rows.join('\n') + '\n');
    const out = join(dir, 'out-nogroup');
    const { publishable } = await surveyFile({ responses: join(dir, 'nogroup.csv'), instruments: [join(dir, 'i.yaml')], group: 'visiting', out });
    const sc = publishable.data.surveys!.scales[0]!;
    const c = publishable.data.surveys!.comparisons[0]!;
    expect([c.n_level, c.n_reference]).toEqual([12, 12]);
    // the scale rests on the 24 grouped teachers only: n·mean − the groups' sums is 0, not T0's 14/3
    expect(sc.n).toBe(24);
    expect(sc.without_group_excluded).toBe(true);
    expect(sc.n_without_group).toBeNull();
    expect(sc.display?.n_without_group).toBe('fewer than 10');
    expect(sc.n! * sc.mean! - c.n_level! * c.mean_level! - c.n_reference! * c.mean_reference!).toBeCloseTo(0, 9);
    // T0's answers are out of the item statistics too: item a's mean is the groups' mean of a
    expect(sc.item_stats[0]!.n).toBe(24);
    const json = readFileSync(join(out, 'results.json'), 'utf8');
    expect(json).not.toMatch(/4\.66666/);
  });

  it('keeps respondents without a group in the scale when they are min_cell or more, and shows their count', async () => {
    const rows = ['respondent_id,respondent_type,school_id,wave,visiting,a,b,c'];
    for (let i = 0; i < 34; i++) {
      const v = 1 + (i % 5);
      rows.push(`T${i},teacher,S1,spring,${i < 12 ? 1 : i < 24 ? 0 : ''},${v},${v},${v}`);
    }
    writeFileSync(join(dir, 'ten.csv'), rows.join('\n') + '\n');
    const { publishable } = await surveyFile({ responses: join(dir, 'ten.csv'), instruments: [join(dir, 'i.yaml')], group: 'visiting', out: join(dir, 'out-ten') });
    const sc = publishable.data.surveys!.scales[0]!;
    expect(sc.n).toBe(34);
    expect(sc.n_without_group).toBe(10);
    expect(sc.without_group_excluded).toBe(false);
  });

  it('takes as partner of a hidden school one with respondents of the hidden group, not a school without any', async () => {
    // S1: 3 visiting and 12 others; S2: no visiting teacher and 12 others; S3–S6: 12 and 12
    const rows = ['respondent_id,respondent_type,school_id,wave,visiting,a,b,c'];
    let id = 0;
    const add = (school: string, visiting: number, v: number) => rows.push(`T${++id},teacher,${school},spring,${visiting},${v},${v},${v}`);
    [5, 1, 2].forEach((v) => add('S1', 1, v));
    for (let i = 0; i < 12; i++) add('S1', 0, 1 + (i % 5));
    for (let i = 0; i < 12; i++) add('S2', 0, 1 + (i % 5));
    for (const s of ['S3', 'S4', 'S5', 'S6']) for (let i = 0; i < 24; i++) add(s, i < 12 ? 1 : 0, 1 + ((i * 7) % 5));
    writeFileSync(join(dir, 'zero.csv'), rows.join('\n') + '\n');
    const { publishable } = await surveyFile({ responses: join(dir, 'zero.csv'), instruments: [join(dir, 'i.yaml')], group: 'visiting', cluster: 'school_id', out: join(dir, 'out-zero') });
    const s = publishable.data.surveys!;
    const site = s.comparisons[0]!;
    expect(site.n_level).toBe(51);
    const shown = s.by_school.filter((r) => r.n_level !== null);
    // S2 (0 visiting) stays shown; the visiting teachers hidden from the school table are 3 + 12, not S1's 3 alone
    expect(shown.map((r) => r.school_id)).toContain('S2');
    expect(site.n_level! - shown.reduce((t, r) => t + r.n_level!, 0)).toBe(15);
  });
});
