/**
 * The pipeline on a generated district with surveys recovers the generator's truth: the 95% Feldt interval of each
 * scale-wave's alpha covers the true alpha, and the 95% CI of each spring group difference (cluster-robust by
 * school) and of each difference-in-differences covers the true effect on the scale score. Fourteen intervals are
 * checked at once, so at least 12 of 14 must cover (expected 13.3; P(≤ 11 of 14 | 95% coverage) ≈ 3%).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import type { Truth } from '../../src/generate/truth.js';
import type { SurveyResults } from '../../src/results/survey-results-schema.js';
import { writePipeline } from '../helpers/write-pipeline.js';
import { ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-survey-recovery-'));
let truth: Truth;
let s: SurveyResults;

beforeAll(async () => {
  const data = join(dir, 'data');
  truth = (await generateDistrict({ out: data, students: 3000, schools: 12, seed: 7 })).truth;
  const p = writePipeline(dir, data, {
    sources: Object.fromEntries(['students', 'visits', 'attendance', 'educators', 'surveys'].map((x) => [x, { path: join(data, `${x}.csv`), ...(x === 'surveys' ? { waves: ['fall', 'spring'] } : {}) }])),
    surveys: ['teacher-short.yaml', 'parent-short.yaml'].map((f) => join(ROOT, 'pipelines', 'instruments', f)),
    analysis: { methods: ['unadjusted'], subgroups: false },
  });
  await runPipeline(p);
  s = JSON.parse(readFileSync(join(dir, 'report', 'results.json'), 'utf8')).surveys;
}, 180_000);

const covers = (lo: number | null, hi: number | null, v: number) => lo !== null && hi !== null && lo < v && v < hi;

describe('surveys of a generated district, through hve run', () => {
  it('has every scale at both waves, with program groups', () => {
    expect(s.waves).toEqual(['fall', 'spring']);
    expect(s.scales.length).toBe(14);
    expect(s.grouping?.source).toBe('program');
  });

  it('covers the true alpha with the Feldt interval for at least 12 of the 14 scale-waves', () => {
    const hits = s.scales.map((r) => {
      const w = truth.surveys.scales.find((x) => x.scale === r.scale)!.waves.find((x) => x.wave === r.wave)!;
      return covers(r.alpha_ci_low, r.alpha_ci_high, w.alpha);
    });
    expect(hits.filter(Boolean).length).toBeGreaterThanOrEqual(12);
  });

  it('covers the true effect with the spring comparison and the difference-in-differences CIs for at least 12 of 14', () => {
    const hits: boolean[] = [];
    for (const t of truth.surveys.scales) {
      const c = s.comparisons.find((x) => x.scale === t.scale && x.wave === 'spring')!;
      expect(c.group_level).toBe(t.respondent_type === 'teacher' ? 'visiting' : 'visited');
      hits.push(covers(c.ci_low, c.ci_high, t.effect_on_score.sample_att));
      const d = s.changes.find((x) => x.scale === t.scale)!;
      hits.push(covers(d.ci_low, d.ci_high, t.effect_on_score.panel_att));
    }
    expect(hits.length).toBe(14);
    expect(hits.filter(Boolean).length).toBeGreaterThanOrEqual(12);
  });
});
