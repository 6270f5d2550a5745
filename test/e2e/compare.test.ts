/**
 * `hve compare` on a CSV the pipeline did not produce: a hand-built table with a known treatment effect
 * (y = 1 + 0.8·pretest + 0.30·treated + school effect + noise, treatment more likely for a high pretest), so
 * the unadjusted difference is biased and the adjusted estimators must cover 0.30.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Prng } from '../../src/generate/prng.js';
import { compareAnalyticFile } from '../../src/compare/compare-analytic-file.js';
import { ResultsSchema, type Results } from '../../src/results/results-schema.js';
import { freshDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const dir = freshDir('compare');
const csv = join(dir, 'my-analytic-file.csv');
let results: Results;

beforeAll(async () => {
  const rng = new Prng(2024);
  const lines = ['StudentKey,Campus,HomeVisit,Pretest,Lang,Score,Passed'];
  const schoolEffect = Array.from({ length: 25 }, () => 0.3 * rng.normal());
  for (let i = 0; i < 3000; i++) {
    const school = rng.int(0, 24);
    const pretest = rng.normal();
    const lang = rng.chance(0.3) ? 'Spanish' : 'English';
    const treated = rng.chance(1 / (1 + Math.exp(-(-0.8 + 0.9 * pretest)))) ? 1 : 0;
    const y = 1 + 0.8 * pretest + 0.3 * treated + schoolEffect[school]! + rng.normal();
    const passed = y > 1.2 ? 1 : 0;
    lines.push(`K${1000 + i},C${school},${treated},${pretest.toFixed(4)},${lang},${y.toFixed(4)},${passed}`);
  }
  writeFileSync(csv, lines.join('\n') + '\n');
  results = (
    await compareAnalyticFile({
      data: csv,
      treatment: 'HomeVisit',
      outcomes: ['Score', 'Passed'],
      covariates: ['Pretest', 'Lang'],
      baselines: { Score: 'Pretest' },
      fixedEffects: 'Campus',
      out: join(dir, 'out'),
    })
  ).results;
}, 120_000);

describe('hve compare on an evaluator’s own file', () => {
  it('writes a valid results.json and a report', () => {
    expect(ResultsSchema.safeParse(JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'))).success).toBe(true);
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(true);
    expect(results.sample_flow.at(-1)!.students).toBe(3000);
  });

  it('recovers the known effect 0.30 with every adjusted method, while the unadjusted difference is biased', () => {
    const score = results.outcomes.find((o) => o.outcome === 'Score')!;
    expect(score.type).toBe('continuous');
    const by = (m: string) => score.estimates.find((e) => e.method === m)!;
    expect(by('unadjusted').estimate!).toBeGreaterThan(0.6); // selection on the pretest (+0.9 log-odds per SD) inflates it
    for (const m of ['regression', 'matching', 'weighting']) {
      expect(by(m).ci_low!, m).toBeLessThan(0.3);
      expect(by(m).ci_high!, m).toBeGreaterThan(0.3);
    }
    expect(by('regression').clusters).toBe(25);
    expect(by('regression').se_type).toMatch(/CR2/);
    expect(by('regression').baseline!.measure).toBe('Pretest');
    expect(results.outcomes.find((o) => o.outcome === 'Passed')!.type).toBe('binary');
  });

  it('runs from the CLI with one method and says which column is missing', () => {
    const ok = runCli(['compare', '--data', csv, '--treatment', 'HomeVisit', '--outcome', 'Score', '--covariates', 'Pretest', '--method', 'regression', '--out', join(dir, 'cli'), '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    const r = JSON.parse(readFileSync(join(dir, 'cli', 'results.json'), 'utf8')) as Results;
    expect(r.outcomes[0]!.estimates.map((e) => e.method)).toEqual(['unadjusted', 'regression']);
    const bad = runCli(['compare', '--data', csv, '--treatment', 'Visited', '--outcome', 'Score', '--out', join(dir, 'bad'), '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/has no column "Visited"/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
