/**
 * Known truth recovered: over several generated districts (seeds), each adjusted estimator's 95% CI covers
 * the generator's true effect on the treated (truth.json, from both potential outcomes of every visited
 * student) at close to the nominal rate, while the unadjusted chronic-absence estimate is visibly biased
 * by self-selection on prior attendance.
 *
 * Tolerance: 5 seeds × 6 outcomes × 3 methods = 90 intervals. At a true 95% coverage, P(fewer than 78
 * covered) < 0.01 (binomial), so we require ≥ 78/90 (≈ 87%); a biased estimator fails this quickly.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import type { Results } from '../../src/results/results-schema.js';
import { freshDir } from '../helpers/paths.js';
import { writePipeline } from '../helpers/write-pipeline.js';

const dir = freshDir('coverage');
const SEEDS = [101, 102, 103, 104, 105];
const OUTCOMES = ['attendance_rate', 'chronic_absence', 'days_absent', 'any_incident', 'ela_z', 'math_z'];
const METHODS = ['regression', 'matching', 'weighting'] as const;
const runs: { seed: number; results: Results; truth: Record<string, { difference: number }> }[] = [];

beforeAll(async () => {
  for (const seed of SEEDS) {
    const data = join(dir, `s${seed}`);
    const g = await generateDistrict({ out: data, students: 3000, schools: 10, seed });
    const p = writePipeline(data, data, { seed, analysis: { subgroups: false }, output: join(data, 'report') });
    runs.push({ seed, results: (await runPipeline(p)).results, truth: g.truth.att });
  }
}, 600_000);

describe('recovering the generator’s true effects', () => {
  it('covers the true ATT with the 95% CIs of regression, matching and weighting (≥ 78 of 90)', () => {
    let covered = 0;
    let total = 0;
    const misses: string[] = [];
    for (const r of runs) {
      for (const outcome of OUTCOMES) {
        const truth = r.truth[outcome]!.difference;
        const o = r.results.outcomes.find((x) => x.outcome === outcome)!;
        for (const method of METHODS) {
          const e = o.estimates.find((x) => x.method === method)!;
          total++;
          if (e.ci_low! <= truth && truth <= e.ci_high!) covered++;
          else misses.push(`seed ${r.seed} ${outcome} ${method}: truth ${truth.toFixed(4)} CI [${e.ci_low!.toFixed(4)}, ${e.ci_high!.toFixed(4)}]`);
        }
      }
    }
    expect(total).toBe(90);
    expect(covered, misses.join('\n')).toBeGreaterThanOrEqual(78);
  });

  it('shows the naive chronic-absence estimate biased away from the truth, and adjustment removing most of it', () => {
    let naiveBias = 0;
    let adjustedBias = 0;
    for (const r of runs) {
      const truth = r.truth.chronic_absence!.difference;
      const est = (m: string) => r.results.outcomes.find((x) => x.outcome === 'chronic_absence')!.estimates.find((e) => e.method === m)!.estimate!;
      naiveBias += est('unadjusted') - truth;
      adjustedBias += Math.abs(est('regression') - truth);
      expect(est('unadjusted')).toBeLessThan(truth); // visited families had better prior attendance
    }
    expect(naiveBias / runs.length).toBeLessThan(-0.02); // more than 2 points too favourable on average
    expect(adjustedBias / runs.length).toBeLessThan(Math.abs(naiveBias / runs.length) / 2);
  });
});
