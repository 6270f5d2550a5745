import { describe, expect, it, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const FIX = join(import.meta.dirname, 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'hve-survey-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hve survey', () => {
  // psych::bfi Agreeableness, 2,709 complete cases; R: psych::alpha(d, keys = "A1")$total$raw_alpha = 0.7037559,
  // Feldt 0.6857446–0.7210360; t.test(score[gender == 2], score[gender == 1]) (Welch): 4.774848 − 4.377679,
  // 95% CI 0.3245337 to 0.4698058, df 1654.5
  it('reports alpha, the Feldt interval and the Welch difference of R on a public dataset', () => {
    const out = join(dir, 'bfi');
    const r = runCli(['survey', join(FIX, 'bfi-agreeableness.csv'), '--instrument', join(FIX, 'bfi-agreeableness.yaml'), '--respondent-type', 'parent', '--group', 'gender', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).surveys;
    expect(s.respondents).toMatchObject({ read: 2709, accepted: 2709, rejected: 0 });
    expect(s.scales[0].alpha).toBeCloseTo(0.7037559, 6);
    expect(s.scales[0].alpha_ci_low).toBeCloseTo(0.6857446, 6);
    expect(s.scales[0].alpha_ci_high).toBeCloseTo(0.721036, 6);
    const c = s.comparisons[0];
    expect([c.group_level, c.group_reference]).toEqual(['2', '1']);
    expect(c.mean_level).toBeCloseTo(4.774848, 5);
    expect(c.mean_reference).toBeCloseTo(4.377679, 5);
    expect(c.ci_low).toBeCloseTo(0.3245337, 6);
    expect(c.ci_high).toBeCloseTo(0.4698058, 6);
    expect(c.se_type).toBe('welch_t');
    expect(readFileSync(join(out, 'tables', 'survey_scales.csv'), 'utf8')).toContain('agreeableness');
  });

  it('names a missing column in one sentence with exit 2', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'id,A1\n1,2\n');
    const r = runCli(['survey', file, '--instrument', join(FIX, 'bfi-agreeableness.yaml'), '--out', join(dir, 'bad-out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hve: .*has no respondent_id column/);
    expect(r.stderr).not.toMatch(/at .*\.ts/);
  });

  it('refuses a --group column with more than two values', () => {
    const file = join(dir, 'three.csv');
    writeFileSync(file, 'respondent_id,g,A1,A2,A3,A4,A5\n1,x,1,2,3,4,5\n2,y,1,2,3,4,5\n3,z,1,2,3,4,5\n');
    const r = runCli(['survey', file, '--instrument', join(FIX, 'bfi-agreeableness.yaml'), '--respondent-type', 'teacher', '--group', 'g', '--out', join(dir, 'three-out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--group g must hold exactly two values to compare, but it holds 3');
  });

  it('orders waves by --waves, counts --free-text columns and writes the rejected rows to rejects/surveys.csv', () => {
    const file = join(dir, 'pp.csv');
    const rows = ['respondent_id,wave,why,A1,A2,A3,A4,A5'];
    // 12 respondents: 4 on every item in post (listed first), 2 in pre; R1 wrote a why; then 2 bad rows
    for (let i = 1; i <= 12; i++) rows.push(`R${i},post,${i === 1 ? 'busy' : ''},2,4,4,4,4`, `R${i},pre,,4,2,2,2,2`);
    rows.push('R99,pre,,7,2,2,2,2', 'R1,post,,2,4,4,4,4');
    writeFileSync(file, rows.join('\n') + '\n');
    const out = join(dir, 'pp-out');
    const args = ['survey', file, '--instrument', join(FIX, 'bfi-agreeableness.yaml'), '--respondent-type', 'teacher', '--out', out, '--quiet'];
    const refused = runCli([...args, '--free-text', 'why']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('has 2 waves that are not all dates (post, pre), and no order was given');
    const r = runCli([...args, '--free-text', 'why', '--waves', 'pre,post']);
    expect(r.stderr).toBe('');
    const s = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).surveys;
    expect(s.waves).toEqual(['pre', 'post']);
    expect(s.free_text_respondents).toBeNull(); // 1 respondent: "fewer than 10"
    expect(s.free_text_display.free_text_respondents).toBe('fewer than 10');
    expect(s.respondents).toMatchObject({ read: 26, accepted: 24, rejected: 2, by_reason: { out_of_range: 1, duplicate_respondent_wave: 1 } });
    const rej = readFileSync(join(out, 'rejects', 'surveys.csv'), 'utf8').trim().split('\n');
    expect(rej).toHaveLength(3);
    expect(rej[0]).toMatch(/^source_file,source_line,reason,respondent_id,wave,why,A1/);
    // lines 26 and 27 of the file (the header is line 1)
    expect(rej.slice(1).map((l) => l.split(',').slice(1, 4).join(','))).toEqual(['26,out_of_range,R99', '27,duplicate_respondent_wave,R1']);
  });

  it('takes the level group from --group-level and names the groups by column and values', () => {
    const out = join(dir, 'bfi-level');
    const base = ['survey', join(FIX, 'bfi-agreeableness.csv'), '--instrument', join(FIX, 'bfi-agreeableness.yaml'), '--respondent-type', 'parent', '--group', 'gender'];
    const r = runCli([...base, '--group-level', '1', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    const s = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).surveys;
    expect(s.grouping).toEqual({ source: 'column', column: 'gender', level: '1', reference: '2', label: 'gender: 1 vs. 2' });
    const c = s.comparisons[0];
    expect([c.group_level, c.group_reference]).toEqual(['1', '2']);
    // the same R t.test as above, the other way round: men − women
    expect(c.mean_level).toBeCloseTo(4.377679, 5);
    expect(c.ci_low).toBeCloseTo(-0.4698058, 6);
    expect(c.ci_high).toBeCloseTo(-0.3245337, 6);
    const bad = runCli([...base, '--group-level', 'female', '--out', join(dir, 'bfi-bad-level')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--group-level must be one of the values of --group gender, 1, 2 (got "female")');
  });

  it('says to give --respondent-type when the file has no respondent_type column', () => {
    const r = runCli(['survey', join(FIX, 'bfi-agreeableness.csv'), '--instrument', join(FIX, 'bfi-agreeableness.yaml'), '--group', 'gender', '--out', join(dir, 'no-type')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hve: .*has no respondent_type column .*--respondent-type teacher or --respondent-type parent/);
  });

  it('leaves the baseline wave out of Benjamini–Hochberg: BH runs over the later comparisons and the changes', () => {
    // 30 respondents in two groups and two waves; A1 is reverse keyed
    const rows = ['respondent_id,wave,g,A1,A2,A3,A4,A5'];
    for (let i = 0; i < 30; i++) {
      const g = i < 15 ? 'yes' : 'no';
      const v = 1 + (i % 4);
      rows.push(`R${i},pre,${g},${7 - v},${v},${v},${1 + ((i * 5) % 6)},${v}`);
      const w = Math.min(6, v + (g === 'yes' ? 1 + (i % 2) : i % 2));
      rows.push(`R${i},post,${g},${7 - w},${w},${w},${1 + ((i * 5) % 6)},${w}`);
    }
    const file = join(dir, 'bh.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const out = join(dir, 'bh-out');
    const r = runCli(['survey', file, '--instrument', join(FIX, 'bfi-agreeableness.yaml'), '--respondent-type', 'teacher', '--group', 'g', '--group-level', 'yes', '--waves', 'pre,post', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    const s = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).surveys;
    const pre = s.comparisons.find((c: { wave: string }) => c.wave === 'pre');
    const post = s.comparisons.find((c: { wave: string }) => c.wave === 'post');
    expect(pre.p_value).not.toBeNull();
    expect(pre.bh_p_value).toBeNull();
    expect(pre.bh_significant).toBeNull();
    expect(pre.notes.map((n: { code: string }) => n.code)).toContain('baseline_wave');
    // BH over two p values, the post comparison's and the change's: the larger stays, the smaller is min(2p, larger)
    const [p1, p2] = [post.p_value, s.changes[0].p_value].sort((a: number, b: number) => a - b);
    const adjusted = new Map([[p2, p2], [p1, Math.min(2 * p1, p2)]]);
    expect(post.bh_p_value).toBeCloseTo(adjusted.get(post.p_value)!, 12);
    expect(s.changes[0].bh_p_value).toBeCloseTo(adjusted.get(s.changes[0].p_value)!, 12);
  });
});
