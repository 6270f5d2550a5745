import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
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
    const covered = s.changes.filter((x) => {
      const e = truth.scales.find((t) => t.scale === x.scale)!.effect_on_score.panel_att;
      return x.ci_low! <= e && e <= x.ci_high!;
    });
    expect(s.changes).toHaveLength(7);
    expect(covered.length).toBeGreaterThanOrEqual(6);
  });
});
