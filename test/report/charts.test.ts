import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupMeanData, groupMeansChart } from '../../src/report/charts/group-means-chart.js';
import { statementChart } from '../../src/report/figure-pack/statement-chart.js';
import { writeFigurePack } from '../../src/report/figure-pack/write-figure-pack.js';
import { headlineFindings } from '../../src/report/statements/headline-findings.js';
import { vegaLiteToSvg } from '../../src/report/render/index.js';
import type { OutcomeResult } from '../../src/results/results-schema.js';
import { estimateFixture, resultsFixture } from '../helpers/results-fixture.js';
import { gatedFixture } from '../helpers/results-fixture.js';

// Rate axes stop at 0% and 100%, and statement charts draw the 95% CI; asserted on the Vega-Lite specs.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const outcome = (x: Partial<OutcomeResult> & Pick<OutcomeResult, 'outcome' | 'estimates'>): OutcomeResult => ({
  label: x.outcome,
  domain: 'attendance',
  type: 'continuous',
  lower_is_better: false,
  unit: 'percent',
  ...x,
});

// Attendance 99.5% (SD 0.03, n 12): the normal CI 99.5 ± 1.96·3/√12 = 99.5 ± 1.697 would reach 101.2%.
// Chronic absence 0.5% (n 12): ± 1.96·√(0.005·0.995/12) = ± 3.99 points would reach −3.5%.
const attendance = outcome({
  outcome: 'attendance_rate',
  estimates: [estimateFixture({ method: 'unadjusted', mean_treated: 0.995, sd_treated: 0.03, n_treated: 12, mean_comparison: 0.931, sd_comparison: 0.05, n_comparison: 300 })],
});
const chronic = outcome({
  outcome: 'chronic_absence',
  type: 'binary',
  lower_is_better: true,
  estimates: [estimateFixture({ method: 'unadjusted', mean_treated: 0.005, n_treated: 12, mean_comparison: 0.2, n_comparison: 300 })],
});
const days = outcome({ outcome: 'days_absent', type: 'count', unit: 'days', lower_is_better: true, estimates: [estimateFixture({ method: 'unadjusted', mean_treated: 9, sd_treated: 4, mean_comparison: 11, sd_comparison: 5 })] });

describe('group-means chart', () => {
  const r = resultsFixture([attendance, chronic, days]);

  it('clips a rate’s CI to 0–100%', () => {
    const d = groupMeanData(gatedFixture(r));
    const att = d.find((x) => x.outcome.startsWith('attendance_rate') && x.group !== 'Comparison')!;
    expect(att.high).toBe(100);
    expect(att.low).toBeCloseTo(99.5 - (196 * 0.03) / Math.sqrt(12), 9);
    const chr = d.find((x) => x.outcome.startsWith('chronic_absence') && x.group !== 'Comparison')!;
    expect(chr.low).toBe(0);
    expect(chr.high).toBeCloseTo(0.5 + 196 * Math.sqrt((0.005 * 0.995) / 12), 9);
    for (const x of d.filter((y) => y.rate)) {
      expect(x.low).toBeGreaterThanOrEqual(0);
      expect(x.high).toBeLessThanOrEqual(100);
    }
  });

  it('holds every rate row’s x scale within [0, 100], and leaves other rows to the data', async () => {
    const spec = groupMeansChart(gatedFixture(r)) as Json;
    const rows = spec.vconcat as Json[];
    expect(rows).toHaveLength(3);
    const scaleOf = (row: Json) => row.layer[0].encoding.x.scale;
    // attendance: CIs 97.80–100 (visited) and 92.53–93.67 (comparison); a step of 2 → [92, 100]
    expect(scaleOf(rows[0]!)).toEqual({ domain: [92, 100], nice: false, clamp: true, zero: false });
    // chronic absence: CIs 0–4.49 and 19.55–20.45 (comparison, n 300); a step of 5 → [0, 25]
    expect(scaleOf(rows[1]!).domain).toEqual([0, 25]);
    for (const row of rows.slice(0, 2)) {
      const [lo, hi] = scaleOf(row).domain as number[];
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(100);
    }
    expect(scaleOf(rows[2]!).domain).toBeUndefined();
    expect(rows.map((x) => x.title.text)).toEqual(['attendance_rate (%)', 'chronic_absence (%)', 'days_absent']);
    const svg = await vegaLiteToSvg(spec as never);
    // the attendance axis ends at 100, with no tick beyond it
    const ticks = [...svg.matchAll(/<text[^>]*>(\d+(?:\.\d+)?)<\/text>/g)].map((m) => Number(m[1]));
    expect(ticks).toContain(100);
    expect(ticks.filter((t) => t > 100)).toEqual([]);
  });
});

describe('statement charts', () => {
  /** The headline and chart of one outcome. */
  const chartOf = (o: OutcomeResult) => {
    const p = gatedFixture(resultsFixture([o]));
    const h = headlineFindings(p)[0]!;
    return { h, spec: statementChart(p, h) as Json };
  };

  it('draws the 95% CI of the difference as an error bar (ci_low, ci_high) on the visited bar of a finding', () => {
    // chronic absence 15% vs 20%, CI of the difference −9 to −1 points → the error bar runs 20 − 9 = 11% to 20 − 1 = 19%
    const { h, spec } = chartOf(outcome({ outcome: 'chronic_absence', type: 'binary', lower_is_better: true, estimates: [estimateFixture({})] }));
    expect(h.status).toBe('finding');
    const bar = (spec.layer as Json[]).find((l) => l.mark.type === 'errorbar')!;
    expect(bar).toBeDefined();
    expect(bar.encoding.x.field).toBe('ci_low');
    expect(bar.encoding.x2.field).toBe('ci_high');
    const [v] = bar.data.values as Json[];
    expect(v!.group).toBe('Visited students');
    expect(v!.ci_low).toBeCloseTo(11, 9);
    expect(v!.ci_high).toBeCloseTo(19, 9);
  });

  it('stops a rate’s bar axis at 100%', () => {
    // attendance 96% vs 95%: the bars with their labels would need 96.8 · 1.18 ≈ 114%
    const { h, spec } = chartOf(outcome({ outcome: 'attendance_rate', estimates: [estimateFixture({ mean_treated: 0.96, mean_comparison: 0.95, estimate: 0.01, ci_low: 0.002, ci_high: 0.018, effect_size: 0.2, effect_size_type: 'hedges_g' })] }));
    expect(h.status).toBe('finding');
    const x = (spec.layer as Json[])[0]!.encoding.x;
    expect(x.scale.domain).toEqual([0, 100]);
    expect(x.scale.clamp).toBe(true);
    const bar = (spec.layer as Json[]).find((l) => l.mark.type === 'errorbar')!;
    expect(bar.data.values[0].ci_low).toBeCloseTo(95.2, 9);
    expect(bar.data.values[0].ci_high).toBeCloseTo(96.8, 9);
  });

  it('draws the difference with a ci_low–ci_high rule, its axis within ±100 points for a rate', () => {
    // no detectable difference: the CI −90 to +95 points would give an axis of ±118.75 points
    const { h, spec } = chartOf(outcome({ outcome: 'chronic_absence', type: 'binary', lower_is_better: true, estimates: [estimateFixture({ p_value: 0.5, bh_significant: false, bh_p_value: 0.5, estimate: 0.02, ci_low: -0.9, ci_high: 0.95 })] }));
    expect(h.status).toBe('no_detectable_difference');
    const rule = (spec.layer as Json[]).find((l) => l.encoding?.x2)!;
    expect(rule.mark.type).toBe('rule');
    expect(rule.encoding.x.field).toBe('ci_low');
    expect(rule.encoding.x2.field).toBe('ci_high');
    expect(spec.data.values[0].ci_low).toBeCloseTo(-90, 9);
    expect(spec.data.values[0].ci_high).toBeCloseTo(95, 9);
    expect(rule.encoding.x.scale.domain).toEqual([-100, 100]);
  });
});

describe('hve figures CSV', () => {
  it('has the 95% CI columns of the charted difference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hve-figures-'));
    const r = resultsFixture([outcome({ outcome: 'chronic_absence', label: 'Chronically absent', type: 'binary', lower_is_better: true, estimates: [estimateFixture({})] })]);
    writeFileSync(join(dir, 'results.json'), JSON.stringify(r));
    await writeFigurePack(dir);
    const [head, row] = readFileSync(join(dir, 'figures', 'statement-chronic_absence.csv'), 'utf8').trim().split('\n');
    const cols = head!.split(',');
    const cells = row!.split(',');
    expect(Number(cells[cols.indexOf('ci_low')])).toBe(-0.09);
    expect(Number(cells[cols.indexOf('ci_high')])).toBe(-0.01);
    expect(Number(cells[cols.indexOf('difference')])).toBe(-0.05);
  });
});
