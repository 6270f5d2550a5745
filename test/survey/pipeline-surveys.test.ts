import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { validatePipeline } from '../../src/run/validate-pipeline.js';
import { formatValidation } from '../../src/cli/print-accounting.js';
import type { SurveyResults } from '../../src/results/survey-results-schema.js';

// hve run on a generated district with teacher and parent surveys: the generator's truth.json gives each scale's
// population alpha per wave, the members (visiting teachers, visited parents) per wave, and the effect on the score.
const dir = mkdtempSync(join(tmpdir(), 'hve-survey-run-'));
const INSTR = resolve(import.meta.dirname, '../../pipelines/instruments');
let s: SurveyResults;
let truth: { scales: { scale: string; waves: { wave: string; members: number; alpha: number }[]; effect_on_score: { sample_att: number; panel_att: number } }[] };
let inputs: { extract: string; rows_read: number; rows_accepted: number; rows_rejected: number }[];

beforeAll(async () => {
  await generateDistrict({ out: join(dir, 'data'), students: 2000, schools: 12, seed: 1 });
  writeFileSync(
    join(dir, 'p.yaml'),
    `name: Survey run\nsite: s\noutcome_year: 2017\nsources:\n${['students', 'visits', 'attendance', 'educators', 'surveys'].map((x) => `  ${x}: { path: data/${x}.csv${x === 'surveys' ? ', waves: [fall, spring]' : ''} }`).join('\n')}\n` +
      `surveys: [${INSTR}/teacher-short.yaml, ${INSTR}/parent-short.yaml]\nanalysis: { methods: [unadjusted], subgroups: false }\noutput: out\n`,
  );
  const r = await runPipeline(join(dir, 'p.yaml'));
  s = r.results.surveys!;
  inputs = r.results.provenance.inputs;
  truth = JSON.parse(readFileSync(join(dir, 'data', 'truth.json'), 'utf8')).surveys;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the survey stage in hve run', () => {
  it('accounts for every survey row', () => {
    const i = inputs.find((x) => x.extract === 'surveys')!;
    expect(i.rows_read).toBe(i.rows_accepted + i.rows_rejected);
    expect(i.rows_read).toBe(readFileSync(join(dir, 'data', 'surveys.csv'), 'utf8').trim().split('\n').length - 1);
    // the rejected rows are in the run folder's restricted rejects/, one line each after the header
    const rej = readFileSync(join(dir, 'out', 'rejects', 'surveys.csv'), 'utf8').trim().split('\n');
    expect(rej[0]).toMatch(/^source_file,source_line,reason,respondent_id/);
    expect(rej.length - 1).toBe(i.rows_rejected);
  });

  it('finds the generator\'s visiting teachers and visited parents', () => {
    for (const c of s.comparisons) {
      const t = truth.scales.find((x) => x.scale === c.scale)!.waves.find((w) => w.wave === c.wave)!;
      // members of the wave; a member with too few items answered has no score (3% of items are missing)
      expect(c.n_level).toBeLessThanOrEqual(t.members);
      expect(c.n_level).toBeGreaterThanOrEqual(t.members - 3);
    }
  });

  it('recovers the generator\'s alpha within the Feldt interval (95%: at least 12 of 14 scale-waves)', () => {
    expect(s.scales).toHaveLength(14);
    const covered = s.scales.filter((x) => {
      const a = truth.scales.find((t) => t.scale === x.scale)!.waves.find((w) => w.wave === x.wave)!.alpha;
      return x.alpha_ci_low! <= a && a <= x.alpha_ci_high!;
    });
    expect(covered.length).toBeGreaterThanOrEqual(12);
  });

  it('covers the true effect with the CI of the spring difference and of the difference-in-differences', () => {
    const conn = truth.scales.find((t) => t.scale === 'connection')!.effect_on_score;
    const c = s.comparisons.find((x) => x.scale === 'connection' && x.wave === 'spring')!;
    expect(c.se_type).toBe('cr2_satterthwaite');
    expect(c.ci_low! <= conn.sample_att && conn.sample_att <= c.ci_high!).toBe(true);
    expect(s.changes).toHaveLength(7);
    // the panel rule (privacy gate): a group with 1 to 9 respondents of one wave outside its panel hides the change and
    // the DiD; membership is the same in both waves here, so those are the published wave n minus the panel n
    const comparison = (x: (typeof s.changes)[number], wave: string) => s.comparisons.find((c) => c.scale === x.scale && c.respondent_type === x.respondent_type && c.wave === wave)!;
    const small = (n: number) => n > 0 && n < 10;
    for (const x of s.changes) {
      const outside = (['level', 'reference'] as const).flatMap((g) => [comparison(x, 'fall')[`n_${g}`]! - x[`n_${g}`]!, comparison(x, 'spring')[`n_${g}`]! - x[`n_${g}`]!]);
      expect(x.ci_low === null).toBe(outside.some(small));
    }
    const shown = s.changes.filter((x) => x.ci_low !== null);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    const covered = shown.filter((x) => {
      const e = truth.scales.find((t) => t.scale === x.scale)!.effect_on_score.panel_att;
      return x.ci_low! <= e && e <= x.ci_high!;
    });
    expect(covered.length).toBeGreaterThanOrEqual(shown.length - 1);
  });

  it('publishes the visiting teachers of each wave by their completed visits in Y, counted from the files', () => {
    // independently of the SQL: completed visits dated in 2016-07-01 .. 2017-06-30, each educator of educator_ids counted once per visit
    const csv = (f: string) => {
      const [head, ...lines] = readFileSync(join(dir, 'data', f), 'utf8').trim().split('\n');
      const h = head!.split(',');
      return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [h[i]!, v])) as Record<string, string>);
    };
    const visits = new Map<string, number>();
    for (const v of csv('visits.csv')) {
      if (v.status !== 'completed' || v.visit_date! < '2016-07-01' || v.visit_date! > '2017-06-30') continue;
      for (const e of v.educator_ids!.split(';').map((x) => x.trim()).filter(Boolean)) visits.set(e, (visits.get(e) ?? 0) + 1);
    }
    expect(s.teacher_visits.map((w) => w.wave)).toEqual(['fall', 'spring']);
    for (const w of s.teacher_visits) {
      const mine = csv('surveys.csv').filter((r) => r.respondent_type === 'teacher' && r.wave === w.wave && visits.has(r.educator_id!)).map((r) => visits.get(r.educator_id!)!);
      expect(w.teachers).toBe(mine.length);
      const counts = [mine.filter((x) => x <= 2).length, mine.filter((x) => x >= 3 && x <= 5).length, mine.filter((x) => x >= 6).length];
      // a band is shown as counted, or hidden (with a partner) when 1 to 9 teachers
      w.bands.forEach((b, j) => expect(b.n === null ? counts[j]! > 0 : b.n === counts[j]).toBe(true));
      const sorted = [...mine].sort((a, b) => a - b);
      const m = sorted.length >> 1;
      expect(w.median_visits).toBe(sorted.length % 2 ? sorted[m] : (sorted[m - 1]! + sorted[m]!) / 2);
    }
  });

  it('gives the per-group change a CI cluster-robust by school (12 schools, as the difference-in-differences)', () => {
    for (const c of s.changes) {
      expect(c.se_type).toBe('cr2_satterthwaite');
      expect([c.change_level_se_type, c.change_reference_se_type]).toEqual(['cr2_satterthwaite', 'cr2_satterthwaite']);
      expect(c.change_level_ci_low! < c.change_level! && c.change_level! < c.change_level_ci_high!).toBe(true);
    }
  });

  it('hve validate reads the survey file too: row accounting, rejects/surveys.csv and the reject summary', async () => {
    // the generated file plus a second row of one respondent-wave and a response of 7
    const lines = readFileSync(join(dir, 'data', 'surveys.csv'), 'utf8').trim().split('\n');
    const bad = lines[1]!.split(',');
    bad[7] = '7';
    writeFileSync(join(dir, 'data', 'surveys-bad.csv'), [...lines, lines[2]!, bad.join(',')].join('\n') + '\n');
    writeFileSync(join(dir, 'v.yaml'), readFileSync(join(dir, 'p.yaml'), 'utf8').replace('data/surveys.csv', 'data/surveys-bad.csv'));
    const v = await validatePipeline(join(dir, 'v.yaml'), join(dir, 'validation'));
    expect(v.surveys).toMatchObject({ extract: 'surveys', kind: 'wide', rows_read: lines.length + 1, rows_accepted: lines.length - 1, rows_rejected: 2, rejected_by_reason: { duplicate_respondent_wave: 1, out_of_range: 1 } });
    const acc = JSON.parse(readFileSync(join(dir, 'validation', 'row_accounting.json'), 'utf8')) as { extract: string; rows_read: number }[];
    expect(acc.find((e) => e.extract === 'surveys')?.rows_read).toBe(lines.length + 1);
    const rej = readFileSync(join(dir, 'validation', 'rejects', 'surveys.csv'), 'utf8').trim().split('\n');
    // header, then the file's lines 1307 and 1308 (header = line 1, 1,305 generated rows)
    expect(rej.slice(1).map((l) => l.split(',').slice(1, 3).join(','))).toEqual([`${lines.length + 1},duplicate_respondent_wave`, `${lines.length + 2},out_of_range`]);
    expect(readFileSync(join(dir, 'validation', 'reject_summary.csv'), 'utf8')).toContain('surveys,out_of_range,,,1,');
    const printed = formatValidation(v);
    expect(printed).toMatch(new RegExp(`surveys \\(wide\\)\\s+${(lines.length + 1).toLocaleString('en-US')}\\s+${(lines.length - 1).toLocaleString('en-US')}\\s+2\\n`));
  });
});
