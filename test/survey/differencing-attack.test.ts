import { describe, expect, it, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

// A differencing attacker (the review's attack.py, generalised): small-population survey files of known answers go
// through `hve survey`; every published n·mean (and n·share) is differenced against the rows that partition it (scale
// vs its two groups, a group vs its by-school rows, a wave's group vs the later wave's group and the panel's change,
// the items vs the scale) in results.json and in tables/*.csv. No difference may rest on one respondent and give back
// that respondent's true score, and no share the gate hid may be recomputed from the shown ones.

const dir = mkdtempSync(join(tmpdir(), 'hve-survey-attack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic stream of answers 1–5 (a linear congruential generator). */
function answers(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return 1 + (x % 5);
  };
}

interface Resp {
  id: string;
  type: 'teacher' | 'parent';
  school: string;
  wave: string;
  visits: 'yes' | 'no';
  a: (number | null)[]; // q1, q2, q3 (q3 reverse-keyed)
}

const SCALE = { scale: 'conn', items: ['q1', 'q2', 'q3'], reversed: [false, false, true], minItems: 2, favourable: 4 };
const INSTRUMENT = `name: A\nrespondent_type: teacher\nrange: [1, 5]\nscales:\n  conn:\n    label: Connection\n    items: [q1, q2, -q3]\n`;

/** Rows of n respondents of one school, group and set of waves; `skip` answers only the first item of respondent 0. */
function people(prefix: string, n: number, school: string, visits: 'yes' | 'no', waves: string[], seed: number): Resp[] {
  const next = answers(seed);
  return Array.from({ length: n }, (_, i) => waves.map((wave) => ({ id: `${prefix}${i}`, type: 'teacher' as const, school, wave, visits, a: [next(), next(), next()] }))).flat();
}

/** The review's small populations (a, b, f, g and a burnout-style favourable share), by name. */
const SCENARIOS: Record<string, { rows: Resp[]; waves: string[] }> = {
  // one visiting teacher alone in S1; S2 and S3 12 + 12 non-visiting
  school: { waves: ['spring'], rows: [...people('Y', 1, 'S1', 'yes', ['spring'], 3), ...people('N2_', 12, 'S2', 'no', ['spring'], 5), ...people('N3_', 12, 'S3', 'no', ['spring'], 7)] },
  // 12 visiting in fall, 11 of them in spring; 15 non-visiting in both
  wave: {
    waves: ['fall', 'spring'],
    rows: [
      ...people('Y', 11, 'S1', 'yes', ['fall', 'spring'], 11),
      ...people('YF', 1, 'S2', 'yes', ['fall'], 13),
      ...people('N', 15, 'S3', 'no', ['fall', 'spring'], 17),
    ],
  },
  // one teacher visiting in fall, not in spring; 12 visiting and 15 other teachers stay
  switcher: {
    waves: ['fall', 'spring'],
    rows: [
      ...people('Y', 12, 'S1', 'yes', ['fall', 'spring'], 19),
      ...people('N', 15, 'S2', 'no', ['fall', 'spring'], 23),
      { id: 'SW', type: 'teacher', school: 'S3', wave: 'fall', visits: 'yes', a: [5, 5, 1] },
      { id: 'SW', type: 'teacher', school: 'S3', wave: 'spring', visits: 'no', a: [1, 1, 5] },
    ],
  },
  // 100 complete and one below min_items (unscored)
  unscored: {
    waves: ['spring'],
    rows: [...people('A', 50, 'S1', 'yes', ['spring'], 37), ...people('B', 50, 'S2', 'no', ['spring'], 41), { id: 'U', type: 'teacher', school: 'S1', wave: 'spring', visits: 'yes', a: [4, null, null] }],
  },
  // 100 complete; one below min_items (unscored) and one scored who skipped an item
  partial: {
    waves: ['spring'],
    rows: [
      ...people('A', 50, 'S1', 'yes', ['spring'], 29),
      ...people('B', 50, 'S2', 'no', ['spring'], 31),
      { id: 'U', type: 'teacher', school: 'S1', wave: 'spring', visits: 'yes', a: [4, null, null] },
      { id: 'P', type: 'teacher', school: 'S2', wave: 'spring', visits: 'no', a: [5, 5, null] },
    ],
  },
  // 12 visiting with exactly one favourable score, 22 others of whom 11 are favourable (12 of 34 in the scale row)
  favourable: {
    waves: ['spring'],
    rows: [
      ...Array.from({ length: 12 }, (_, i): Resp => ({ id: `Y${i}`, type: 'teacher', school: `S${i % 3}`, wave: 'spring', visits: 'yes', a: i === 0 ? [5, 5, 1] : [2, 2, 4] })),
      ...Array.from({ length: 22 }, (_, i): Resp => ({ id: `N${i}`, type: 'teacher', school: `S${i % 3}`, wave: 'spring', visits: 'no', a: i < 11 ? [4, 5, 2] : [1, 2, 3] })),
    ],
  },
};

/** A respondent's keyed answers and score (null below min_items). */
function scoreOf(r: Resp): { keyed: (number | null)[]; score: number | null } {
  const keyed = r.a.map((x, j) => (x === null ? null : SCALE.reversed[j] ? 6 - x : x));
  const got = keyed.filter((x): x is number => x !== null);
  return { keyed, score: got.length >= SCALE.minItems ? got.reduce((t, x) => t + x, 0) / got.length : null };
}

/** The published rows, as numbers or null (hidden), from results.json or the CSV tables. */
interface Published {
  scales: Record<string, unknown>[];
  items: Record<string, unknown>[];
  comparisons: Record<string, unknown>[];
  changes: Record<string, unknown>[];
  bySchool: Record<string, unknown>[];
}

/** Parse one CSV table (no quoted commas in these) into rows of numbers, strings and null for hidden values. */
function readTable(file: string): Record<string, unknown>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  return lines.map((l) => {
    const v = l.split(',');
    return Object.fromEntries(cols.map((c, i) => {
      const x = v[i] ?? '';
      if (x === '' || x === 'suppressed' || x.startsWith('fewer than')) return [c, null];
      return [c, Number.isFinite(Number(x)) ? Number(x) : x];
    }));
  });
}

function fromJson(out: string): Published {
  const s = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).surveys;
  const items = s.scales.flatMap((sc: Record<string, unknown> & { item_stats: Record<string, unknown>[] }) => sc.item_stats.map((it) => ({ ...it, wave: sc.wave })));
  return { scales: s.scales, items, comparisons: s.comparisons, changes: s.changes, bySchool: s.by_school };
}

function fromCsv(out: string): Published {
  const t = (n: string) => readTable(join(out, 'tables', n));
  return { scales: t('survey_scales.csv'), items: t('survey_items.csv'), comparisons: t('survey_comparisons.csv'), changes: t('survey_changes.csv'), bySchool: t('survey_by_school.csv') };
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Every single-respondent difference found: what was differenced, the value recovered, and the true one. */
function attack(p: Published, rows: Resp[]): string[] {
  const leaks: string[] = [];
  const scored = (wave: string, pred: (r: Resp) => boolean = () => true) => rows.filter((r) => r.wave === wave && scoreOf(r).score !== null && pred(r));
  const truthAt = (wave: string) => scored(wave).map((r) => scoreOf(r).score!);
  const check = (what: string, count: number, value: number | null, truths: number[]) => {
    if (count === 1 && value !== null && truths.some((t) => Math.abs(value - t) < 1e-6)) leaks.push(`${what}: ${value}`);
  };
  const group = (g: 'level' | 'reference') => (r: Resp) => r.visits === (g === 'level' ? 'yes' : 'no');
  for (const c of p.comparisons) {
    const wave = String(c.wave);
    const sc = p.scales.find((x) => x.wave === wave)!;
    const [n, nl, nr] = [num(sc.n), num(c.n_level), num(c.n_reference)];
    // scale vs its two groups, on the mean and on % favourable
    if (n !== null && nl !== null && nr !== null) {
      const m = [num(sc.mean), num(c.mean_level), num(c.mean_reference)];
      check(`scale − groups mean ${wave}`, n - nl - nr, m.every((x) => x !== null) ? n * m[0]! - nl * m[1]! - nr * m[2]! : null, truthAt(wave));
      const f = [num(sc.favourable), num(c.favourable_level), num(c.favourable_reference)];
      const hiddenOne = f.filter((x) => x === null).length === 1;
      if (hiddenOne && n === nl + nr) leaks.push(`a hidden % favourable ${wave} is the scale's minus the other group's`);
    }
    // a group (and the scale) vs its shown by-school rows
    const schools = p.bySchool.filter((b) => b.wave === wave);
    if (!schools.length) continue;
    for (const g of ['level', 'reference'] as const) {
      const N = num(c[`n_${g}`]);
      const M = num(c[`mean_${g}`]);
      const shown = schools.filter((b) => num(b[`n_${g}`]) !== null && num(b[`mean_${g}`]) !== null);
      if (N === null) continue;
      const cnt = N - shown.reduce((t, b) => t + num(b[`n_${g}`])!, 0);
      check(`${g} − schools ${wave}`, cnt, M === null ? null : N * M - shown.reduce((t, b) => t + num(b[`n_${g}`])! * num(b[`mean_${g}`])!, 0), truthAt(wave));
    }
    if (n !== null && num(sc.mean) !== null) {
      const shown = schools.filter((b) => ['level', 'reference'].every((g) => num(b[`n_${g}`]) !== null));
      const cnt = n - shown.reduce((t, b) => t + num(b.n_level)! + num(b.n_reference)!, 0);
      const sum = shown.reduce((t, b) => t + num(b.n_level)! * (num(b.mean_level) ?? 0) + num(b.n_reference)! * (num(b.mean_reference) ?? 0), 0);
      check(`scale − schools ${wave}`, cnt, n * num(sc.mean)! - sum, truthAt(wave));
    }
  }
  // a wave's group minus (the later wave's group minus the panel's change): the first-wave scores outside the panel
  for (const ch of p.changes) {
    const [pre, post] = [String(ch.wave_pre), String(ch.wave_post)];
    const sides = [
      { g: 'level' as const, pred: group('level') },
      { g: 'reference' as const, pred: group('reference') },
    ];
    for (const { g, pred } of sides) {
      const first = scored(pre, pred);
      const later = scored(post, pred);
      const panel = later.filter((r) => scored(pre).some((x) => x.id === r.id));
      const inPanel = new Set(panel.map((r) => r.id));
      const out = [...first.filter((r) => !inPanel.has(r.id)).map((r) => scoreOf(r).score!), ...later.filter((r) => !inPanel.has(r.id)).map((r) => -scoreOf(r).score!)];
      const movedIn = panel.filter((r) => !first.some((x) => x.id === r.id)).map((r) => -scoreOf(rows.find((x) => x.id === r.id && x.wave === pre)!).score!);
      const truths = [...out, ...movedIn];
      const cf = p.comparisons.find((c) => c.wave === pre)!;
      const cl = p.comparisons.find((c) => c.wave === post)!;
      const v = [num(cf[`n_${g}`]), num(cf[`mean_${g}`]), num(cl[`n_${g}`]), num(cl[`mean_${g}`]), num(ch[`n_${g}`]), num(ch[`change_${g}`])];
      expect(num(ch[`n_${g}`]) ?? panel.length).toBe(panel.length); // the test's panel is the pipeline's
      const value = v.every((x) => x !== null) ? v[0]! * v[1]! - (v[2]! * v[3]! - v[4]! * v[5]!) : null;
      check(`panel ${g} ${pre}–${post}`, truths.length, value, truths);
    }
  }
  // the items vs the scale: items × n·mean − Σ item n·mean is the skipped-item respondents' (K/a − 1)·Σ answers, minus
  // the answers of any unscored respondent the item statistics would count
  for (const sc of p.scales) {
    const wave = String(sc.wave);
    const its = p.items.filter((x) => x.wave === wave);
    const [n, m] = [num(sc.n), num(sc.mean)];
    for (const it of its) if (n !== null && num(it.n) !== null) expect(num(it.n)!).toBeLessThanOrEqual(n); // items rest on the scale's respondents
    if (n === null || m === null || its.some((x) => num(x.n) === null || num(x.mean) === null)) continue;
    const value = SCALE.items.length * n * m - its.reduce((t, x) => t + num(x.n)! * num(x.mean)!, 0);
    const truths = rows.filter((r) => r.wave === wave).flatMap((r) => {
      const got = scoreOf(r).keyed.filter((x): x is number => x !== null);
      const sum = got.reduce((t, x) => t + x, 0);
      if (scoreOf(r).score === null) return got.length ? [-sum] : [];
      return got.length < SCALE.items.length ? [(SCALE.items.length / got.length - 1) * sum] : [];
    });
    check(`items − scale ${wave}`, truths.length, value, truths);
  }
  return leaks;
}

describe('a differencing attack on the published survey numbers', () => {
  for (const [name, sc] of Object.entries(SCENARIOS)) {
    it(`recovers no single teacher's score (${name})`, () => {
      const file = join(dir, `${name}.csv`);
      const csv = ['respondent_id,respondent_type,school_id,wave,visits,q1,q2,q3', ...sc.rows.map((r) => [r.id, r.type, r.school, r.wave, r.visits, ...r.a.map((x) => x ?? '')].join(','))];
      writeFileSync(file, csv.join('\n') + '\n');
      writeFileSync(join(dir, 'i.yaml'), INSTRUMENT);
      const out = join(dir, `out-${name}`);
      const r = runCli(['survey', file, '--instrument', join(dir, 'i.yaml'), '--group', 'visits', '--group-level', 'yes', '--cluster', 'school_id', '--waves', sc.waves.join(','), '--out', out, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const json = fromJson(out);
      expect(json.scales.length).toBe(sc.waves.length); // the attack ran on every wave's scale row
      expect(attack(json, sc.rows)).toEqual([]);
      expect(attack(fromCsv(out), sc.rows)).toEqual([]);
    });
  }
});

