/**
 * A small visited group (7 students, below min_cell = 10) must not be readable anywhere: not its count
 * (directly or as students − comparison), not its mean, not any statistic resting on it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { applyPrivacyGate } from '../../src/privacy/privacy-gate.js';
import { SCHEMA_VERSION, type Results } from '../../src/results/results-schema.js';
import { freshDir } from '../helpers/paths.js';
import { publishableFiles } from '../helpers/publishable-files.js';
import { writeTinyDistrict } from '../helpers/tiny-district.js';

const dir = freshDir('privacy-leak');
let tiny: ReturnType<typeof writeTinyDistrict>;
let results: Results;


beforeAll(async () => {
  tiny = writeTinyDistrict(dir, [{ id: 'A', students: 30, visited: 7 }]);
  results = (await runPipeline(tiny.pipeline)).results;
}, 60_000);

describe('privacy gate on a small visited group', () => {
  it('suppresses every estimate that rests on the 7 visited students, and logs why', () => {
    for (const o of results.outcomes) {
      const e = o.estimates[0]!;
      expect(e.suppressed, o.outcome).toBe(true);
      for (const k of ['n_treated', 'mean_treated', 'mean_comparison', 'estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'effect_size', 'improvement_index'] as const) {
        expect(e[k], `${o.outcome}.${k}`).toBeNull();
      }
      expect(results.suppression_log.some((s) => s.cell === `${o.outcome} / unadjusted` && s.rule === 'primary')).toBe(true);
    }
  });

  it('hides the visited count and, complementarily, the comparison count wherever the total is shown', () => {
    for (const s of results.sample_flow) {
      expect(s.visited, s.step).toBeNull();
      expect(s.students, s.step).toBe(30);
      expect(s.comparison, s.step).toBeNull(); // 30 − 23 would reveal 7
    }
    expect(results.suppression_log.filter((s) => s.table === 'sample_flow' && s.rule === 'complementary')).toHaveLength(4);
  });

  it('does not print the visited group mean, or the visited count, in any output file', () => {
    const visited = tiny.facts.filter((f) => f.visited);
    const mean = visited.reduce((a, f) => a + (1 - f.absent / 20), 0) / visited.length; // 1 − 12/140 = 0.914 (the school's mean of all 30 is 0.925, shown at school level)
    const comparisonMean = tiny.facts.filter((f) => !f.visited).reduce((a, f) => a + (1 - f.absent / 20), 0) / 23;
    const forbidden = [`${(100 * mean).toFixed(1)}%`, String(mean), `${(100 * comparisonMean).toFixed(1)}%`, String(comparisonMean)];
    const files = publishableFiles(join(dir, 'report'));
    expect(files.map((f) => f.slice(dir.length))).toEqual(expect.arrayContaining(['/report/report.html', '/report/results.json', '/report/tables/outcomes.csv', '/report/tables/sample_flow.csv']));
    for (const f of files) {
      const text = readFileSync(f, 'latin1');
      for (const s of forbidden) expect(text.includes(s), `${s} in ${f}`).toBe(false);
    }
    const flowCsv = readFileSync(join(dir, 'report', 'tables', 'sample_flow.csv'), 'utf8');
    expect(flowCsv).not.toMatch(/,7,|,23\n/);
    const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    expect(html).not.toMatch(/<td class="num">7<\/td>|<td class="num">23<\/td>/);
  });
});

describe('privacy gate rules (hand-built tables)', () => {
  const base = { ...JSON.parse('{}') } as Results;
  const withFlow = (rows: Results['sample_flow']): Results => ({
    ...base,
    schema_version: SCHEMA_VERSION,
    name: 'x', site: 'x', state: null, outcome_year: 2017, generated_at: '2017-01-01T00:00:00.000Z',
    provenance: { software: 'home-visit-eval', software_version: '0', duckdb_version: 'v', pipeline_file: 'p', pipeline_sha256: 'a'.repeat(64), seed: 1, inputs: [] },
    definitions: { source: 'pipeline', school_year_window: 'w', chronic_threshold: 0.1, min_days_enrolled: 10, proficient_level: 3, comparison: 'c', attendance_kind: 'daily', visited: 'v' },
    privacy: { min_cell: 10, rule: 'r', top_bottom_code: null },
    sample_flow: rows,
    outcomes: [],
    suppression_log: [],
  });

  it('suppresses 1–9 but not 0 or 10, and protects a hidden part of a shown total', () => {
    const g = applyPrivacyGate(withFlow([
      { step: 'a', students: 100, visited: 10, comparison: 90 },
      { step: 'b', students: 100, visited: 9, comparison: 91 },
      { step: 'c', students: 100, visited: 0, comparison: 100 },
      { step: 'd', students: 7, visited: 0, comparison: 7 },
      { step: 'e', students: 15, visited: 8, comparison: 7 },
    ]), 10).data;
    expect(g.sample_flow.map((s) => [s.students, s.visited, s.comparison])).toEqual([
      [100, 10, 90],
      [100, null, null], // 9 visited (primary), and 9 − 0 below would reveal 9 excluded; its comparison part goes with it
      [100, 0, 100], // 10 above (with b hidden) − 0 = 10 excluded: not small
      [null, 0, null],
      [15, null, null],
    ]);
  });
});
