/**
 * The generated surveys against their truth, read back independently of the pipeline: the sample alpha's Feldt
 * interval covers the true alpha, the Welch CI of the spring difference covers the true effect on the scale score,
 * program membership follows the visit log, and the files are the same for the same seed.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import type { Truth } from '../../src/generate/truth.js';
import { cronbachAlpha } from '../../src/stats/cronbach-alpha.js';
import { feldtInterval } from '../../src/stats/feldt-interval.js';
import { welchDifference } from '../../src/stats/welch.js';
import { summarize } from '../../src/stats/summary.js';
import { readCsv } from './read-generated.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-surveys-'));
let truth: Truth;
let rows: Record<string, string>[];
const visitingEducators = new Set<string>();
const visitedFamilies = new Set<string>();

beforeAll(async () => {
  truth = (await generateDistrict({ out: join(dir, 'a'), students: 3000, schools: 12, seed: 3 })).truth;
  rows = readCsv(join(dir, 'a'), 'surveys.csv');
  const family = new Map(readCsv(join(dir, 'a'), 'students.csv').map((s) => [s.student_id!, s.family_id!]));
  for (const v of readCsv(join(dir, 'a'), 'visits.csv')) {
    if (v.status !== 'completed' || v.visit_date! < '2016-07-01' || v.visit_date! > '2017-06-30') continue;
    for (const e of v.educator_ids!.split(';')) if (e) visitingEducators.add(e);
    visitedFamilies.add(family.get(v.student_id!)!);
  }
}, 120_000);

/** Scored item columns (reverse keyed: 6 − x; blank = NaN) and scale scores (mean of answered items) of one scale and wave. */
function scaleData(scale: Truth['surveys']['scales'][number], wave: string) {
  const here = rows.filter((r) => r.wave === wave && r.respondent_type === scale.respondent_type);
  const cols = scale.items.map((it) => Float64Array.from(here, (r) => (r[it.item] === '' ? NaN : it.reversed ? 6 - Number(r[it.item]) : Number(r[it.item]))));
  const score = here.map((_, i) => {
    const v = cols.map((c) => c[i]!).filter((x) => !Number.isNaN(x));
    return v.reduce((a, b) => a + b, 0) / v.length;
  });
  const member = here.map((r) => (r.respondent_type === 'teacher' ? visitingEducators.has(r.educator_id!) : visitedFamilies.has(r.family_id!)));
  return { here, cols, score, member };
}

describe('generated surveys', () => {
  it('writes both waves for teachers and parents, with responses inside 1–5', () => {
    for (const type of ['teacher', 'parent']) for (const wave of ['fall', 'spring']) expect(rows.filter((r) => r.respondent_type === type && r.wave === wave).length, `${type} ${wave}`).toBeGreaterThan(200);
    const items = truth.surveys.scales.flatMap((s) => s.items.map((i) => i.item));
    for (const r of rows) for (const it of items) if (r[it] !== '') expect(['1', '2', '3', '4', '5']).toContain(r[it]);
  });

  it('counts as members exactly the respondents the visit log puts in the program', () => {
    for (const s of truth.surveys.scales) {
      for (const w of s.waves) expect(scaleData(s, w.wave).member.filter(Boolean).length, `${s.scale} ${w.wave}`).toBe(w.members);
    }
  });

  // 14 scale-waves are checked at once, so each uses a 99% interval (over seeds 1–6, 77 of 84 95% intervals covered)
  it('recovers each true alpha within the 99% Feldt interval of the sample alpha', () => {
    for (const s of truth.surveys.scales) {
      for (const w of s.waves) {
        const a = cronbachAlpha(scaleData(s, w.wave).cols);
        const ci = feldtInterval(a.alpha, a.n, a.k, 0.99);
        expect(w.alpha, `${s.scale} ${w.wave}: true ${w.alpha.toFixed(3)}, CI ${ci.low.toFixed(3)}–${ci.high.toFixed(3)}`).toBeGreaterThan(ci.low);
        expect(w.alpha).toBeLessThan(ci.high);
      }
    }
    // the short homework scale is built to fall below 0.70
    expect(truth.surveys.scales.find((s) => s.scale === 'homework')!.waves[0]!.alpha).toBeLessThan(0.7);
  });

  it('covers the true spring effect on the scale score with the Welch 95% CI of members − non-members', () => {
    for (const s of truth.surveys.scales) {
      const d = scaleData(s, 'spring');
      const diff = welchDifference(summarize(d.score.filter((_, i) => d.member[i])), summarize(d.score.filter((_, i) => !d.member[i])));
      expect(s.effect_on_score.sample_att, `${s.scale}: CI ${diff.ci_low.toFixed(3)} to ${diff.ci_high.toFixed(3)}`).toBeGreaterThan(diff.ci_low);
      expect(s.effect_on_score.sample_att).toBeLessThan(diff.ci_high);
      expect(Math.sign(s.effect_on_score.sample_att)).toBe(Math.sign(s.effect_on_trait));
    }
  });

  it('covers the true effect on the panel with the 95% CI of the difference-in-differences of paired changes', () => {
    for (const s of truth.surveys.scales) {
      const f = scaleData(s, 'fall');
      const sp = scaleData(s, 'spring');
      const before = new Map(f.here.map((r, i) => [r.respondent_id!, f.score[i]!]));
      const change: number[] = [];
      const member: boolean[] = [];
      sp.here.forEach((r, i) => {
        if (!before.has(r.respondent_id!)) return;
        change.push(sp.score[i]! - before.get(r.respondent_id!)!);
        member.push(sp.member[i]!);
      });
      expect(member.filter(Boolean).length, s.scale).toBe(s.effect_on_score.panel_members);
      const did = welchDifference(summarize(change.filter((_, i) => member[i])), summarize(change.filter((_, i) => !member[i])));
      expect(s.effect_on_score.panel_att, `${s.scale}: CI ${did.ci_low.toFixed(3)} to ${did.ci_high.toFixed(3)}`).toBeGreaterThan(did.ci_low);
      expect(s.effect_on_score.panel_att).toBeLessThan(did.ci_high);
    }
  });

  it('writes byte-identical surveys for the same seed', async () => {
    await generateDistrict({ out: join(dir, 'b'), students: 3000, schools: 12, seed: 3 });
    expect(readFileSync(join(dir, 'b', 'surveys.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'surveys.csv'), 'utf8'));
  }, 60_000);
});
