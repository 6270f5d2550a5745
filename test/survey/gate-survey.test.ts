import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { surveyFile } from '../../src/survey/survey-file.js';
import { gateSurvey } from '../../src/privacy/gate-survey.js';
import { Suppressor } from '../../src/privacy/suppressor.js';
import { SurveyResultsSchema, type TeacherVisits } from '../../src/results/survey-results-schema.js';
import { visitBands } from '../../src/survey/teacher-visits.js';

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

  it('does not give back the count of respondents without a group left out of a scale by subtracting from the by-wave counts', async () => {
    // spring and fall: 12 visiting and 12 other teachers answer every item; 3 teachers with no --group value answer too.
    // The 3 are left out of every scale row (fewer than 10); the by-wave counts must not be 27 (27 − 24 = 3).
    const rows = ['respondent_id,respondent_type,school_id,wave,visiting,a,b,c'];
    for (const wave of ['fall', 'spring']) {
      for (let i = 0; i < 24; i++) rows.push(`T${i},teacher,S1,${wave},${i < 12 ? 1 : 0},${1 + (i % 5)},${1 + ((i * 2) % 5)},${1 + ((i * 3) % 5)}`);
      for (let i = 0; i < 3; i++) rows.push(`U${i},teacher,S1,${wave},,5,5,${4 - i}`);
    }
    writeFileSync(join(dir, 'count.csv'), rows.join('\n') + '\n');
    const out = join(dir, 'out-count');
    const { publishable } = await surveyFile({ responses: join(dir, 'count.csv'), instruments: [join(dir, 'i.yaml')], group: 'visiting', waves: ['fall', 'spring'], out });
    const s = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).surveys as typeof publishable.data.surveys & object;
    for (const wave of ['fall', 'spring']) {
      const sc = s.scales.find((x) => x.wave === wave)!;
      const c = s.comparisons.find((x) => x.wave === wave)!;
      const byWave = s.respondents.by_type.find((x) => x.wave === wave)!;
      expect(sc.without_group_excluded).toBe(true);
      // every subtraction of a published count from the by-wave count: none gives 3
      const differences = [byWave.n! - sc.n!, byWave.n! - sc.n_complete!, byWave.n! - c.n_level! - c.n_reference!, byWave.n! - sc.item_stats[0]!.n!];
      expect(differences).toEqual([0, 0, 0, 0]);
    }
    // distinct respondents: the 24 teachers in a group, not 27
    expect(s.respondents.respondents).toBe(24);
    // the row accounting still counts the file's rows (54 respondent-waves): rows, as for every extract
    expect(s.respondents).toMatchObject({ read: 54, accepted: 54 });
  });

  describe('visiting teachers by visit-count band', () => {
    const block = (teacher_visits: TeacherVisits[]) =>
      SurveyResultsSchema.parse({
        instruments: [],
        respondents: { format: 'wide', read: 0, accepted: 0, rejected: 0, by_reason: {}, respondents: 40, by_type: [] },
        free_text_respondents: 0,
        grouping: { source: 'program', column: null, level: null, reference: null },
        waves: ['fall', 'spring'],
        scales: [],
        comparisons: [],
        changes: [],
        by_school: [],
        teacher_visits,
      });

    it('counts teachers per band and the median from their visits', () => {
      // fall: visits 1, 2, 2, 3, 7 → bands 3 / 1 / 1, median 2; spring: 1, 4, 5, 6 → 1 / 2 / 1, median (4 + 5) / 2
      const w = visitBands([1, 2, 2, 3, 7].map((visits) => ({ wave: 'fall', visits })).concat([1, 4, 5, 6].map((visits) => ({ wave: 'spring', visits }))), ['fall', 'spring']);
      expect(w.map((x) => [x.wave, x.teachers, x.bands.map((b) => b.n), x.median_visits])).toEqual([
        ['fall', 5, [3, 1, 1], 2],
        ['spring', 4, [1, 2, 1], 4.5],
      ]);
    });

    it('hides a band of fewer than 10 teachers and a partner band, so the wave total minus the shown bands is 10 or more', () => {
      const tv = (wave: string, bands: number[], median: number) => ({
        wave,
        teachers: bands.reduce((a, b) => a + b, 0),
        median_visits: median,
        bands: [{ band: '1–2', min: 1, max: 2, n: bands[0]! }, { band: '3–5', min: 3, max: 5, n: bands[1]! }, { band: '6+', min: 6, max: null, n: bands[2]! }],
      }) as TeacherVisits;
      const s = new Suppressor(10, []);
      const g = gateSurvey(block([tv('fall', [12, 3, 11], 3), tv('spring', [15, 0, 4], 2), tv('winter', [4, 2, 0], 2)]), s)!;
      const [fall, spring, winter] = g.teacher_visits;
      // fall: 3 hidden (primary); the partner is 11, the smallest band that brings the hidden total to 10 (3 + 11 = 14)
      expect(fall!.bands.map((b) => b.n)).toEqual([12, null, null]);
      expect(fall!.bands.map((b) => b.display?.n ?? null)).toEqual([null, 'fewer than 10', 'suppressed']);
      expect(fall!.teachers! - 12).toBe(14);
      expect(fall!.median_visits).toBe(3);
      // spring: 4 hidden; the empty band protects nothing, so the partner is 15; the 0 stays shown
      expect(spring!.bands.map((b) => b.n)).toEqual([null, 0, null]);
      // winter: 6 teachers in all: nothing of the wave is shown, not even its empty band
      expect(winter!.teachers).toBeNull();
      expect(winter!.display?.teachers).toBe('fewer than 10');
      expect(winter!.median_visits).toBeNull();
      expect(winter!.bands.map((b) => b.n)).toEqual([null, null, null]);
      // logged: 2 bands in fall, 2 in spring, the count, median and 3 bands in winter
      expect(s.log.filter((e) => e.table === 'survey visiting teachers').length).toBe(9);
    });
  });
});
